package fableforge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.review.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PressTest {

    private static final String STORY = "0123456789abcdef0123456789abcdef";

    @Test
    void everyButtonSaysWhichStorySceneAndVersionInItsData() {
        for (RejectReason reason : RejectReason.values()) {
            Press press = Press.reject(STORY, 20, 99_999, Optional.of(reason));
            assertThat(Press.parse(press.data())).contains(press);
            assertThat(press.data().getBytes(StandardCharsets.UTF_8).length).as(press.data()).isLessThanOrEqualTo(64);
        }
        assertThat(Press.parse(Press.approve(STORY, 7, 2).data())).contains(Press.approve(STORY, 7, 2));
        assertThat(Press.parse(Press.reject(STORY, 1, 1, Optional.empty()).data())).contains(Press.reject(STORY, 1, 1, Optional.empty()));
        assertThat(Press.approve(STORY, 7, 2).data()).isEqualTo("a:" + STORY + ":7:2");
    }

    @Test
    void dataWeDidNotMakeIsNoPress() {
        assertThat(Press.parse(null)).isEmpty();
        assertThat(Press.parse("")).isEmpty();
        assertThat(Press.parse("a:" + STORY + ":0:1")).as("scene 0").isEmpty();
        assertThat(Press.parse("a:" + STORY + ":21:1")).as("scene 21").isEmpty();
        assertThat(Press.parse("a:" + STORY + ":3:0")).as("attempt 0").isEmpty();
        assertThat(Press.parse("r:cheese:" + STORY + ":3:1")).as("no such reason").isEmpty();
        assertThat(Press.parse("a:" + STORY.toUpperCase() + ":3:1")).as("story ids are lower-case hex").isEmpty();
        assertThat(Press.parse("a:../../x:3:1")).isEmpty();
        assertThat(Press.parse("x:" + STORY + ":3:1")).isEmpty();
    }
}
