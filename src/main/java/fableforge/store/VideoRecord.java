package fableforge.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One version of a story's video: the options it was asked with and, once done, where its files are.
 * Result fields are {@code null} until the render is done; {@code error} only when it failed;
 * {@code progressJson}, the last progress announced, only while it renders. {@code lengthSeconds} and
 * {@code captionStyle} are null on videos asked for before they could be chosen.
 */
public record VideoRecord(
        String storyId,
        int version,
        VideoStatus status,
        String clips,
        String narration,
        boolean draft,
        Optional<String> musicKey,
        String videoKey,
        String videoUrl,
        String srtUrl,
        String fcpxmlUrl,
        String zipUrl,
        Long durationMs,
        Integer width,
        Integer height,
        Long sizeBytes,
        String fallbacksJson,
        String error,
        int runs,
        String progressJson,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        Integer lengthSeconds,
        String captionStyle) {

    public boolean finished() {
        return status == VideoStatus.DONE || status == VideoStatus.FAILED;
    }

    /** Whether this video was asked for with exactly these options. */
    public boolean sameOptions(String clips, String narration, boolean draft, Optional<String> musicKey) {
        return this.clips.equals(clips) && this.narration.equals(narration) && this.draft == draft && this.musicKey.equals(musicKey);
    }

    /** Whether this video was asked for with exactly these options, its length and caption style too. */
    public boolean sameOptions(String clips, String narration, boolean draft, Optional<String> musicKey, Integer length, String captions) {
        return sameOptions(clips, narration, draft, musicKey) && java.util.Objects.equals(lengthSeconds, length)
                && java.util.Objects.equals(captionStyle, captions);
    }

    /** What a finished render stored: the media keys' URLs, the video's length, frame size and file size. */
    public record Files(String videoKey, String videoUrl, String srtUrl, String fcpxmlUrl, String zipUrl, long durationMs,
                        int width, int height, long sizeBytes) {
    }
}
