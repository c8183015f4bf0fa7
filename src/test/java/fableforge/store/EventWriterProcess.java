package fableforge.store;

import fableforge.event.StoryEvent;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Run in a child JVM by {@link CrashRecoveryTest}: appends events to a story until it is killed,
 * printing {@code ACK <seq>} after each commit returns.
 */
public final class EventWriterProcess {

    private EventWriterProcess() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        String storyId = args[1];
        Clock clock = Clock.systemUTC();
        Database db = Database.open(dataDir);
        StoryRepository stories = new StoryRepository(db.jdbi(), clock);
        if (stories.find(storyId).isEmpty()) {
            stories.create(TestStories.story(storyId));
        }
        ImageRepository images = new ImageRepository(db.jdbi(), clock);
        EventLog events = new EventLog(db, clock);
        for (long i = 0; ; i++) {
            int scene = (int) (i % 20) + 1;
            ImageAttempt attempt = images.createAttempt(storyId, scene, "prompt " + i);
            StoryEvent event = events.append(storyId, "image_ready",
                    "{\"scene\":" + scene + ",\"attempt\":" + attempt.attempt() + "}",
                    "image_ready:" + scene + ":" + attempt.attempt());
            System.out.println("ACK " + event.seq());
            System.out.flush();
        }
    }
}
