package fableforge.store;

import fableforge.event.StoryEvent;
import static org.assertj.core.api.Assertions.assertThat;

import fableforge.testing.SlowTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} a process in the middle of writing: every acknowledged write is there, nothing is torn. */
@SlowTest // a writer in a second JVM, killed
class CrashRecoveryTest {

    private static final String STORY = "crash-story";

    @TempDir
    Path dir;

    @Test
    // A guard against a hang, not a measure of speed: two writer JVMs starting on a shared, loaded machine
    // took over 120 s in a suite run at load 25 (TestApp.STORY_WAIT is the same guard for the web tests).
    @Timeout(420)
    void aKilledWriterLosesNoAcknowledgedEventAndLeavesNoGap() throws Exception {
        long acknowledged = 0;
        for (int round = 1; round <= 2; round++) {
            long before = acknowledged;
            acknowledged = writeUntilKilled(before + 150);
            assertThat(acknowledged).isGreaterThanOrEqualTo(before + 150);

            try (Database db = Database.open(dir)) {
                String integrity = db.jdbi().withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one());
                assertThat(integrity).isEqualTo("ok");
                EventLog events = new EventLog(db, Clock.systemUTC());
                long last = events.lastSeq(STORY);
                assertThat(last).as("every acknowledged event survived").isGreaterThanOrEqualTo(acknowledged);
                assertThat(events.after(STORY, 0)).extracting(StoryEvent::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
                // each event was written with an image attempt: the two commits never went half-way. A kill between
                // the attempt's commit and its event's leaves one attempt without its event, so each round may add one.
                assertThat(new ImageRepository(db.jdbi(), Clock.systemUTC()).attempts(STORY).size())
                        .isBetween((int) last, (int) last + round);
                acknowledged = last;
            }
        }
    }

    /** Starts a writer, waits until it has acknowledged {@code target} events, then kills it with SIGKILL. */
    private long writeUntilKilled(long target) throws IOException, InterruptedException {
        Process writer = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                EventWriterProcess.class.getName(), dir.toString(), STORY)
                .redirectErrorStream(true)
                .start();
        long lastAck = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck = Long.parseLong(line.substring(4).trim());
                    if (lastAck >= target) {
                        writer.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        return lastAck;
    }
}
