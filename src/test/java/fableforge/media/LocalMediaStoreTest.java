package fableforge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMediaStoreTest {

    @TempDir
    Path root;

    @Test
    void storesUnderTheKeyAndReturnsItsUrl() throws Exception {
        LocalMediaStore store = new LocalMediaStore(root, "/media/");

        StoredMedia stored = store.put("stories/abc/scene-01.png", new byte[] {1, 2, 3}, "image/png");

        assertThat(stored).isEqualTo(new StoredMedia("stories/abc/scene-01.png", "/media/stories/abc/scene-01.png", 3));
        try (InputStream in = store.open("stories/abc/scene-01.png").orElseThrow()) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void storesAFileWithoutReadingItAndOpensItAtAnOffset() throws Exception {
        LocalMediaStore store = new LocalMediaStore(root.resolve("media"), "media/");
        Path file = Files.write(root.resolve("video.mp4"), new byte[] {10, 11, 12, 13, 14});

        StoredMedia stored = store.putFile("stories/abc/video-v1.mp4", file, "video/mp4");

        assertThat(stored).isEqualTo(new StoredMedia("stories/abc/video-v1.mp4", "media/stories/abc/video-v1.mp4", 5));
        assertThat(store.size("stories/abc/video-v1.mp4")).contains(5L);
        assertThat(store.size("stories/abc/missing.mp4")).isEmpty();
        try (InputStream in = store.open("stories/abc/video-v1.mp4", 3).orElseThrow()) {
            assertThat(in.readAllBytes()).containsExactly(13, 14);
        }
        try (Stream<Path> files = Files.list(root.resolve("media/stories/abc"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("video-v1.mp4");
        }
    }

    @Test
    void replacingAKeyLeavesNoTemporaryFiles() throws Exception {
        LocalMediaStore store = new LocalMediaStore(root, "");
        store.put("a/b.png", new byte[] {1}, "image/png");
        store.put("a/b.png", new byte[] {2}, "image/png");

        try (Stream<Path> files = Files.list(root.resolve("a"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("b.png");
        }
        assertThat(Files.readAllBytes(root.resolve("a/b.png"))).containsExactly(2);
    }

    @Test
    void missingMediaIsEmpty() throws Exception {
        assertThat(new LocalMediaStore(root, "").open("nothing/here.png")).isEmpty();
    }

    @Test
    void refusesKeysThatLeaveTheRoot() {
        LocalMediaStore store = new LocalMediaStore(root, "");
        for (String key : new String[] {"../evil.png", "/etc/passwd", "a/../../b", "", "a//b", ".hidden"}) {
            assertThatThrownBy(() -> store.put(key, new byte[] {1}, "image/png"))
                    .as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keysAreCheckedByLengthAndCharacterWithoutRecursion() {
        assertThat(MediaKey.isValid("stories/0a1b/images/scene-01-a1.png")).isTrue();
        assertThat(MediaKey.isValid("a".repeat(MediaKey.MAX_LENGTH))).isTrue();
        assertThat(MediaKey.isValid("a".repeat(MediaKey.MAX_LENGTH + 1))).isFalse();
        // The old pattern recursed per character and overflowed the stack on keys like these.
        assertThat(MediaKey.isValid("a/".repeat(100_000) + "b")).isFalse();
        assertThat(MediaKey.isValid("a".repeat(100_000))).isFalse();
        for (String key : new String[] {"a/", "/a", "a//b", "a/.b", "a..b", "a/b\u0000", "a b", "a\\b", "\u0661", "_a", "-a"}) {
            assertThat(MediaKey.isValid(key)).as(key).isFalse();
        }
        assertThatThrownBy(() -> MediaKey.requireValid("x".repeat(4_000))).hasMessage("invalid media key");
    }
}
