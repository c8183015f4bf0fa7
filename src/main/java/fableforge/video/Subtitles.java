package fableforge.video;

import fableforge.text.SafeText;
import java.util.List;

/**
 * The video's captions as a SubRip ({@code .srt}) file, with the same cues and times as the burned-in ones.
 * Control characters are stripped even though texts are checked on the way in: an SRT is shown in
 * terminals and players, where an ESC is a command.
 *
 * <p>A cue whose scene has its captions on top starts with {@value #TOP}, the SSA/ASS alignment override
 * ("numpad" 8: top centre) that SRT files carry by convention: FFmpeg's SubRip decoder keeps the first
 * {@code {\an<n>}} of a cue and drops every other brace override (libavcodec/htmlsubtitles.c), so players
 * built on it or on libass (mpv, VLC, MPC-HC) show the cue at the top, where the burned-in one sits. A cue at
 * the bottom carries no tag: that is where every player puts subtitles anyway.
 */
public final class Subtitles {

    /** The SRT position tag for top centre. */
    static final String TOP = "{\\an8}";

    private Subtitles() {
    }

    public static String srt(Timeline timeline) {
        StringBuilder srt = new StringBuilder();
        List<Timeline.Cue> cues = timeline.cues();
        for (int i = 0; i < cues.size(); i++) {
            Timeline.Cue cue = cues.get(i);
            srt.append(i + 1).append("\r\n")
                    .append(time(timeline.secondsAt(cue.startFrame()))).append(" --> ").append(time(timeline.secondsAt(cue.endFrame())))
                    .append("\r\n").append(cue.placement() == CaptionPlacement.TOP ? TOP : "").append(SafeText.withoutControls(cue.text()).replace("\t", " ").replace("\n", "\r\n")).append("\r\n\r\n");
        }
        return srt.toString();
    }

    /** {@code HH:MM:SS,mmm}, the millisecond rounded to the nearest. */
    static String time(double seconds) {
        long millis = Math.round(seconds * 1000);
        return "%02d:%02d:%02d,%03d".formatted(millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    }
}
