package fableforge.telegram;

import java.time.Instant;
import org.slf4j.Logger;

/**
 * Whether a part of the bot (sending, reading updates) is failing, since when and with what: logged once
 * when it starts and once when it ends, quietly in between, so an outage of hours is two lines.
 */
final class Outage {

    private final String part;
    private final Logger log;
    private volatile State state;

    record State(Instant since, String lastError, int failures) {
    }

    Outage(String part, Logger log) {
        this.part = part;
        this.log = log;
    }

    void failed(Instant now, String message, Throwable unexpected) {
        State current = state;
        if (current == null) {
            state = new State(now, message, 1);
            if (unexpected == null) {
                log.warn("[TELEGRAM] {} is failing: {}. Stories go on; it is tried again with backoff.", part, message);
            } else {
                log.error("[TELEGRAM] {} is failing; stories go on, it is tried again with backoff", part, unexpected);
            }
        } else {
            state = new State(current.since(), message, current.failures() + 1);
            log.debug("[TELEGRAM] {} still failing ({} tries): {}", part, current.failures() + 1, message);
        }
    }

    void recovered() {
        State current = state;
        if (current != null) {
            state = null;
            log.info("[TELEGRAM] {} works again after {} failed tries since {}", part, current.failures(), current.since());
        }
    }

    State current() {
        return state;
    }
}
