package fableforge.videojob;

import fableforge.media.MediaStore;
import fableforge.video.remote.ClipCache;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A video's remote clips kept in the media store beside it ({@code <base>/scene-07-150f.mp4}), so they
 * survive a restart and are seen by every node.
 */
final class MediaClipCache implements ClipCache {

    private final MediaStore media;
    private final String base;

    MediaClipCache(MediaStore media, String base) {
        this.media = media;
        this.base = base;
    }

    @Override
    public Optional<byte[]> find(int sceneNumber, int frameCount) throws IOException {
        // Most clips are not kept yet; asking first keeps a store that answers "forbidden" for a
        // missing key (S3 without s3:ListBucket) from looking like a failure.
        String key = key(sceneNumber, frameCount);
        if (!media.exists(key)) {
            return Optional.empty();
        }
        Optional<InputStream> in = media.open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        }
    }

    @Override
    public void keep(int sceneNumber, int frameCount, byte[] clip) throws IOException {
        media.put(key(sceneNumber, frameCount), clip, "video/mp4");
    }

    private String key(int sceneNumber, int frameCount) {
        return "%s/scene-%02d-%df.mp4".formatted(base, sceneNumber, frameCount);
    }
}
