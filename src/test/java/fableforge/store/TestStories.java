package fableforge.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

/** Stories and a steerable clock for the store tests. */
final class TestStories {

    static final String HERO_JSON = """
            {"name":"Pip","species":"hedgehog","primaryColour":{"name":"chestnut brown","rgb":9127187}}""";
    static final String ANSWERS_JSON = """
            {"animal":"hedgehog","character_name":"Pip","setting":"a misty forest"}""";

    private TestStories() {
    }

    static NewStory story(String storyId) {
        return story(storyId, HERO_JSON);
    }

    static NewStory story(String storyId, String heroJson) {
        List<SceneRow> scenes = IntStream.rangeClosed(1, 20)
                .mapToObj(n -> new SceneRow(n, n <= 4 ? "underdog" : "discovery", "Scene " + n + " text.",
                        "Style: storybook. Scene " + n + " of 20.", false))
                .toList();
        return new NewStory(storyId, ANSWERS_JSON, 42L, heroJson, "Pip is a small chestnut hedgehog.",
                "a misty forest", "storybook watercolor", "9:16", scenes);
    }

    /** A clock that stands still until a test moves it. */
    static final class SteppingClock extends Clock {
        private volatile Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
