package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statuses' names are stored in databases and read by browsers: an enum rename must not change them. */
class StatusWireNamesTest {

    @Test
    void everyStatusKeepsTheNameTheDatabaseAndTheApiAlreadyUse() {
        assertThat(Arrays.stream(StoryStatus.values()).map(StoryStatus::wire))
                .containsExactly("scenes_ready", "generating", "images_ready", "all_approved");
        assertThat(Arrays.stream(ImageStatus.values()).map(ImageStatus::wire))
                .containsExactly("queued", "running", "pending_approval", "approved", "rejected", "failed");
        assertThat(Arrays.stream(VideoStatus.values()).map(VideoStatus::wire)).containsExactly("queued", "running", "done", "failed");
    }

    @Test
    void aStatusReadsBackFromItsNameAndWritesAsItInJsonAndText() throws Exception {
        for (StoryStatus status : StoryStatus.values()) {
            assertThat(StoryStatus.fromWire(status.wire())).isSameAs(status);
        }
        assertThat(new ObjectMapper().writeValueAsString(List.of(ImageStatus.PENDING_APPROVAL, VideoStatus.DONE)))
                .isEqualTo("[\"pending_approval\",\"done\"]");
        assertThat("status " + StoryStatus.ALL_APPROVED).as("messages that show a status").isEqualTo("status all_approved");
    }

    @Test
    void aStoredNameNoStatusHasIsABrokenRow() {
        assertThatThrownBy(() -> StoryStatus.fromWire("failed")).isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown story status 'failed'");
        assertThatThrownBy(() -> VideoStatus.fromWire("Done")).isInstanceOf(IllegalStateException.class);
    }
}
