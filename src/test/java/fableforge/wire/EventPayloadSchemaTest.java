package fableforge.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.web.OpenApiContract;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every event type, including those a short offline story never sends (a failed image or video, a ready
 * video), written as the event log stores it and checked against the openapi schema of its name.
 */
class EventPayloadSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final OpenApiContract CONTRACT = new OpenApiContract();

    private static final List<EventPayload> ONE_OF_EACH = List.of(
            new EventPayload.StoryCreated("s1", "Ember", "fox", "enchanted forest", "watercolor", "9:16"),
            new EventPayload.ScenesApproved("s1", 2),
            new EventPayload.ImageReady(3, "/media/a.png", "pending_approval", 1, "sent", "asked",
                    List.of(new StoryDocument.PromptChange("removed", "asked"), new StoryDocument.PromptChange("added", "sent")), null),
            new EventPayload.ImageReady(4, "/media/b.png", "pending_approval", 2, "same", "same", null, "/media/b.png.thumb.jpg"),
            new EventPayload.ImageFailed(5, 1, "refused"),
            new EventPayload.ApprovalUpdate(6, EventPayload.ApprovalUpdate.REJECTED, 1, 4),
            new EventPayload.StoryComplete(20, 20),
            new EventPayload.StoryError("2 images could not be made", List.of(5, 9)),
            new EventPayload.AllApproved("s1"),
            new EventPayload.VideoProgress(1, "rendering", 7, 6, 20, 40),
            new EventPayload.VideoProgress(1, "encoding", null, 20, 20, 95),
            new EventPayload.VideoReady(1, "/media/v.mp4", "/media/v.srt", "/media/v.fcpxml", "/media/v.zip", 61.5, 1080, 1920, 123_456L,
                    List.of(new StoryDocument.Fallback(3, "the clip service timed out"))),
            new EventPayload.VideoFailed(2, "the video could not be made"));

    @Test
    void everyEventTypeHasASchemaOfItsNameAndWritesWhatItDeclares() throws Exception {
        for (EventPayload payload : ONE_OF_EACH) {
            String data = MAPPER.writeValueAsString(payload);
            assertThat(CONTRACT.problemsOfEvent(payload.name(), data)).as(payload.name() + " " + data).isEmpty();
        }
        assertThat(ONE_OF_EACH.stream().map(EventPayload::name).distinct()).containsExactlyInAnyOrderElementsOf(EventPayload.names());
        assertThat(CONTRACT.eventNames()).containsExactlyInAnyOrderElementsOf(EventPayload.names());
    }

    @Test
    void optionalFieldsAreLeftOutAndNullableOnesWrittenAsNull() throws Exception {
        assertThat(MAPPER.writeValueAsString(new EventPayload.VideoProgress(1, "encoding", null, 20, 20, 95)))
                .isEqualTo("{\"version\":1,\"stage\":\"encoding\",\"scenes_done\":20,\"total_scenes\":20,\"percent\":95}");
        assertThat(MAPPER.writeValueAsString(new StoryDocument.NextStep("approve_scenes", "20 images", 20, null)))
                .isEqualTo("{\"action\":\"approve_scenes\",\"description\":\"20 images\",\"units\":20,\"estimate_usd\":null}");
        assertThat(MAPPER.writeValueAsString(new StoryDocument.CostLine("image", "m", 2, new BigDecimal("0.04"))))
                .isEqualTo("{\"stage\":\"image\",\"model\":\"m\",\"calls\":2,\"usd\":0.04}");
    }
}
