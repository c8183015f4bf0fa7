package fableforge.videojob;

import java.util.Optional;

/**
 * How the user asked for a video: the clip source, the narration, a draft (480p) or the full size,
 * and optionally uploaded music (its media key from {@code POST /api/music}).
 */
public record VideoOptions(String clips, String narration, boolean draft, Optional<String> musicKey) {
}
