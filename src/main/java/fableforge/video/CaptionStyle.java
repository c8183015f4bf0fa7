package fableforge.video;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How captions are burned into the video: {@code phrase} (a cue of up to two lines at a time), {@code words}
 * (the same cues with the word being spoken highlighted, the Shorts style) or {@code none}. The .srt
 * always carries the phrase cues, so a platform can show them even when nothing is burned in.
 */
public enum CaptionStyle {
    PHRASE, WORDS, NONE;

    public static final CaptionStyle DEFAULT = PHRASE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(CaptionStyle::wire).toList();
    }

    public static Optional<CaptionStyle> fromWire(String name) {
        return Arrays.stream(values()).filter(style -> style.wire().equals(name)).findFirst();
    }
}
