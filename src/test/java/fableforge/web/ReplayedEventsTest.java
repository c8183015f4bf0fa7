package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.event.StoryEvent;
import fableforge.media.MediaUrls;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayedEventsTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ReplayedEvents replayed = new ReplayedEvents(MediaUrls.of(Optional.of(URI.create("https://host/ff"))), mapper);

    @Test
    void anImageReadyLoggedWithRelativeUrlsIsReplayedWithAbsoluteOnes() throws Exception {
        StoryEvent old = event("image_ready", "{\"scene_number\":3,\"url\":\"media/stories/s/scene-03-a1.png\","
                + "\"thumb_url\":\"media/stories/s/scene-03-a1.png.thumb.jpg\",\"prompt\":\"a fox under media/ stars\"}");

        var data = mapper.readTree(replayed.forClient(old).dataJson());

        assertThat(data.get("url").asText()).isEqualTo("https://host/ff/media/stories/s/scene-03-a1.png");
        assertThat(data.get("thumb_url").asText()).isEqualTo("https://host/ff/media/stories/s/scene-03-a1.png.thumb.jpg");
        assertThat(data.get("prompt").asText()).as("only URL fields change").isEqualTo("a fox under media/ stars");
        assertThat(data.get("scene_number").asInt()).isEqualTo(3);
    }

    @Test
    void eventsWithAbsoluteOrRemoteUrlsPassUnchanged() {
        StoryEvent current = event("image_ready", "{\"url\":\"https://host/ff/media/a.png\",\"thumb_url\":\"https://host/ff/media/a.png.thumb.jpg\"}");
        StoryEvent remote = event("video_ready", "{\"url\":\"https://bucket.example/media/v.mp4\",\"note\":\"media/x\"}");

        assertThat(replayed.forClient(current)).isSameAs(current);
        assertThat(replayed.forClient(remote)).isSameAs(remote);
    }

    private static StoryEvent event(String name, String json) {
        return new StoryEvent("s", 1, name, json, Instant.EPOCH);
    }
}
