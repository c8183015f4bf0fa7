package fableforge.provider.http;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every call an adapter made to its provider since start-up, counted by outcome with the time they took:
 * what {@code GET /metrics} shows as rates and mean latencies. Lock-free, so counting costs a call nothing.
 */
public final class ProviderCalls {

    /** How a call ended; few and fixed, so a metric labelled with them stays small. */
    public enum Outcome {
        /** 2xx (or a redirect followed to one). */
        OK("ok"),
        /** 429: the provider's rate limit. */
        RATE_LIMITED("rate_limited"),
        /** Any other 4xx: a refusal, a bad key, a bad request. */
        CLIENT_ERROR("client_error"),
        /** 5xx. */
        SERVER_ERROR("server_error"),
        /** No answer within the call's time limit. */
        TIMEOUT("timeout"),
        /** No answer at all: refused connection, reset, name not resolved. */
        UNREACHABLE("unreachable");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Outcome ofStatus(int status) {
            if (status == 429) {
                return RATE_LIMITED;
            }
            if (status >= 500) {
                return SERVER_ERROR;
            }
            return status >= 400 ? CLIENT_ERROR : OK;
        }
    }

    /** An adapter that calls nothing remote (or counts nothing): every count stays 0. */
    public static final ProviderCalls NONE = new ProviderCalls();

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final Map<Outcome, LongAdder> nanos = new EnumMap<>(Outcome.class);

    public ProviderCalls() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
            nanos.put(outcome, new LongAdder());
        }
    }

    void record(Outcome outcome, long tookNanos) {
        counts.get(outcome).increment();
        nanos.get(outcome).add(Math.max(0, tookNanos));
    }

    public long count(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    /** The time all calls with this outcome took together. */
    public long totalNanos(Outcome outcome) {
        return nanos.get(outcome).sum();
    }
}
