package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaCachingTest {

    private static final String STORY = "stories/0123456789abcdef0123456789abcdef/";

    @Test
    void keysThatNeverGetOtherContentAreKeptForAYear() {
        assertThat(MediaCaching.cacheControl(STORY + "scene-04-a2.png", true)).isEqualTo("public, max-age=31536000, immutable");
        assertThat(MediaCaching.cacheControl(STORY + "scene-04-a2.png.thumb.jpg", false)).isEqualTo("private, max-age=31536000, immutable");
        assertThat(MediaCaching.versioned(STORY + "video-v3.mp4")).isTrue();
        assertThat(MediaCaching.versioned(STORY + "video-v3.zip")).isTrue();
        assertThat(MediaCaching.versioned("music/0123456789abcdef0123456789abcdef.mp3")).isTrue();
        assertThat(MediaCaching.versioned("music/0123456789abcdef0123456789abcdef/fedcba9876543210fedcba9876543210.ogg")).isTrue();
    }

    @Test
    void keysThatMayBeReplacedAreRevalidated() {
        assertThat(MediaCaching.cacheControl(STORY + "character-sheet.png", true)).isEqualTo("public, no-cache");
        assertThat(MediaCaching.versioned(STORY + "clips/scene-01.mp4")).isFalse();
        assertThat(MediaCaching.versioned("music/song.mp3")).isFalse();
        assertThat(MediaCaching.versioned(STORY + "scene-04-a2.png.thumb.jpg.thumb.jpg")).isFalse();
    }

    @Test
    void ifNoneMatchNamingTheTagOrAnyTagMeansNotModified() {
        String etag = MediaCaching.etag("1f-2026-12-03T12:00:00.123456Z");
        assertThat(etag).isEqualTo("\"1f-2026-12-03T12:00:00.123456Z\"");
        assertThat(MediaCaching.notModified(etag, etag)).isTrue();
        assertThat(MediaCaching.notModified("\"other\", W/" + etag, etag)).isTrue();
        assertThat(MediaCaching.notModified("*", etag)).isTrue();
        assertThat(MediaCaching.notModified("\"other\"", etag)).isFalse();
        assertThat(MediaCaching.notModified(null, etag)).isFalse();
        assertThat(MediaCaching.notModified(" ", etag)).isFalse();
    }
}
