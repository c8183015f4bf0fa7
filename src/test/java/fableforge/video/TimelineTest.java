package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Scene lengths, overlaps, caption cues and narration places on the frame grid. */
class TimelineTest {

    private static final int FPS = 30;

    private static Timeline.SceneTiming timing(int number, double seconds, int pages, boolean narrated) {
        List<List<String>> text = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            text.add(List.of("line one of page " + p, "line two"));
        }
        return new Timeline.SceneTiming(number, seconds, text, narrated);
    }

    @Test
    void videoLengthIsTheClipsMinusTheirCrossfadeOverlaps() {
        Timeline timeline = Timeline.build(List.of(timing(1, 4, 1, false), timing(2, 5, 2, false), timing(3, 3, 1, false)), FPS, 15, 9);

        int clips = timeline.slots().stream().mapToInt(Timeline.Slot::clipFrames).sum();
        assertThat(timeline.totalFrames()).isEqualTo(clips - 2 * 15).isEqualTo((4 + 5 + 3) * FPS);
        for (int i = 1; i < 3; i++) {
            Timeline.Slot before = timeline.slots().get(i - 1);
            Timeline.Slot after = timeline.slots().get(i);
            assertThat(before.clipEnd() - after.clipStart()).as("overlap").isEqualTo(15);
            assertThat(after.ownStart()).as("cut inside the overlap").isBetween(after.clipStart(), before.clipEnd());
            assertThat(after.ownStart()).isEqualTo(before.ownEnd());
        }
        assertThat(timeline.slots().getFirst().clipStart()).isZero();
        assertThat(timeline.slots().getLast().clipEnd()).isEqualTo(timeline.totalFrames());
    }

    @Test
    void captionCuesTileEachScenesOwnFramesInOrderWithoutGapsOrOverlaps() {
        Timeline timeline = Timeline.build(List.of(timing(1, 6, 3, false), timing(2, 4, 1, false)), FPS, 15, 9);

        List<Timeline.Cue> cues = timeline.cues();
        assertThat(cues).hasSize(4);
        assertThat(cues.getFirst().startFrame()).isZero();
        assertThat(cues.getLast().endFrame()).isEqualTo(timeline.totalFrames());
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startFrame()).isEqualTo(cues.get(i - 1).endFrame());
            assertThat(cues.get(i).endFrame()).isGreaterThan(cues.get(i).startFrame());
        }
        assertThat(cues.get(2).endFrame()).as("scene 1's last page ends at the cut").isEqualTo(timeline.slots().get(1).ownStart());
    }

    @Test
    void narrationStartsJustAfterTheCut() {
        Timeline timeline = Timeline.build(List.of(timing(1, 4, 1, true), timing(2, 4, 1, true), timing(3, 4, 1, false)), FPS, 15, 9);

        assertThat(timeline.slots().get(0).narrationStart()).hasValue(9);
        assertThat(timeline.slots().get(1).narrationStart()).hasValue(4 * FPS + 9);
        assertThat(timeline.slots().get(2).narrationStart()).isEmpty();
    }

    @Test
    void aSceneLastsAsLongAsItsNarrationPlusABreathAndNeverUnderTheMinimum() {
        Pacing pacing = Pacing.STANDARD;

        assertThat(pacing.sceneSeconds("Short.", OptionalDouble.of(1.0))).isEqualTo(pacing.minSceneSeconds());
        assertThat(pacing.sceneSeconds("Short.", OptionalDouble.of(9.0)))
                .isEqualTo(pacing.narrationLeadSeconds() + 9.0 + pacing.narrationTailSeconds());
        assertThat(pacing.sceneSeconds("one two", OptionalDouble.empty())).isEqualTo(pacing.minSceneSeconds());
        String twentyEightWords = "word ".repeat(28);
        assertThat(pacing.sceneSeconds(twentyEightWords, OptionalDouble.empty())).isEqualTo(28 / 2.8 + 0.5);
    }

    @Test
    void subtitlesCarryTheCuesWithTheirTimes() {
        Timeline timeline = Timeline.build(List.of(timing(1, 2, 1, false), timing(2, 61.5, 1, false)), FPS, 15, 9);

        String srt = Subtitles.srt(timeline);

        assertThat(srt).startsWith("1\r\n00:00:00,000 --> 00:00:02,000\r\nline one of page 0\r\nline two\r\n\r\n"
                + "2\r\n00:00:02,000 --> 00:01:03,500\r\n");
        assertThat(srt.split("\r\n\r\n")).hasSize(2);
        assertThat(Subtitles.time(3723.4567)).isEqualTo("01:02:03,457");
    }

    @Test
    void subtitlesOfASceneCaptionedOnTopAskPlayersToShowThemOnTop() {
        Timeline timeline = Timeline.build(List.of(timing(1, 2, 1, false),
                new Timeline.SceneTiming(2, 3, List.of(List.of("up here", "line two")), false, 0, CaptionPlacement.TOP)), FPS, 15, 9);

        String[] cues = Subtitles.srt(timeline).split("\r\n\r\n");

        assertThat(cues[0]).endsWith("\r\nline one of page 0\r\nline two");
        assertThat(cues[1]).endsWith("\r\n{\\an8}up here\r\nline two");
    }
}
