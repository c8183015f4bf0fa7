package fableforge.videojob;

import fableforge.video.CaptionStyle;
import java.util.Optional;

/**
 * How the user asked for a video: the clip source, the narration, a draft (480p) or the full size,
 * optionally uploaded music (its media key from {@code POST /api/music}), the length in seconds (null:
 * the default of the story's shape) and the caption style (null: {@code CAPTION_STYLE}'s).
 */
public record VideoOptions(String clips, String narration, boolean draft, Optional<String> musicKey, Integer lengthSeconds,
                           String captionStyle) {

    public VideoOptions(String clips, String narration, boolean draft, Optional<String> musicKey) {
        this(clips, narration, draft, musicKey, null, null);
    }

    /** The caption style to render with: the one asked for, else the server's default. */
    public CaptionStyle captions(CaptionStyle serverDefault) {
        return captionStyle == null ? serverDefault : CaptionStyle.fromWire(captionStyle).orElse(serverDefault);
    }
}
