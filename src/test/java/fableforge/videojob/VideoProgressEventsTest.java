package fableforge.videojob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.video.VideoProgressListener.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A render's progress as events: every stage and scene change, at most two a second between them, never backwards. */
class VideoProgressEventsTest {

    private final List<ObjectNode> sent = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private VideoProgressEvents progress(boolean narrated) {
        return new VideoProgressEvents((data, number) -> {
            assertThat(number).isEqualTo(sent.size());
            sent.add(new ObjectMapper().valueToTree(data));
        }, 3, narrated, 20, stopping::get, nanos::get);
    }

    @Test
    void framesBetweenSceneChangesAreAnnouncedAtMostTwiceASecond() {
        VideoProgressEvents progress = progress(false);
        progress.stage(Stage.RENDERING, 1, 20);
        for (int frame = 1; frame <= 300; frame++) {
            nanos.addAndGet(10_000_000); // 100 frames a second
            progress.frames(frame, 600);
        }
        progress.stage(Stage.RENDERING, 2, 20);

        assertThat(sent).as("scene 1, then one every 0.5 s of the 3 s of frames, then scene 2").hasSize(1 + 6 + 1);
        assertThat(sent.get(0).toString()).isEqualTo(
                "{\"version\":3,\"stage\":\"rendering\",\"scene_number\":1,\"scenes_done\":0,\"total_scenes\":20,\"percent\":0}");
        assertThat(sent.getLast().get("scene_number").asInt()).isEqualTo(2);
        assertThat(sent.getLast().get("scenes_done").asInt()).isEqualTo(1);
        assertThat(sent).extracting(data -> data.get("percent").asInt()).isSorted();
    }

    @Test
    void narrationTakesTheFirstFifthThenFramesEncodingAndStoringFollow() {
        VideoProgressEvents progress = progress(true);
        progress.stage(Stage.NARRATING, 1, 20);
        progress.stage(Stage.NARRATING, 11, 20);
        progress.stage(Stage.RENDERING, 1, 20);
        nanos.addAndGet(1_000_000_000);
        progress.frames(3000, 6000);
        progress.stage(Stage.FINISHING, 0, 20);
        progress.storing();

        assertThat(sent).extracting(data -> data.get("stage").asText() + " " + data.path("scene_number").asInt() + " " + data.get("percent").asInt())
                .containsExactly("narrating 1 0", "narrating 11 10", "rendering 1 20", "rendering 1 57", "encoding 0 95", "storing 0 97");
        assertThat(sent.get(4).has("scene_number")).as("encoding concerns the whole video").isFalse();
    }

    @Test
    void aStoppingServerCancelsTheRenderBetweenTwoFrames() {
        VideoProgressEvents progress = progress(false);
        progress.frames(1, 100);
        stopping.set(true);

        assertThatThrownBy(() -> progress.frames(2, 100)).isInstanceOf(CancellationException.class);
    }
}
