package fableforge.media.cloudinary;

import fableforge.media.MediaKey;
import java.util.Set;

/**
 * Cloudinary's resource type, which is part of both the upload and the delivery URL. It is chosen from
 * the key's extension, not the content type, because {@code open(key)} has only the key and must
 * find the asset where {@code put} left it. Cloudinary files audio under {@code video}.
 */
enum ResourceType {
    IMAGE("image"),
    VIDEO("video"),
    RAW("raw");

    private static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg", "webp", "gif", "avif");
    private static final Set<String> VIDEOS = Set.of("mp4", "webm", "mov", "m4a", "mp3", "wav", "ogg");

    private final String path;

    ResourceType(String path) {
        this.path = path;
    }

    static ResourceType of(String key) {
        String extension = MediaKey.extension(key);
        if (IMAGES.contains(extension)) {
            return IMAGE;
        }
        return VIDEOS.contains(extension) ? VIDEO : RAW;
    }

    /** The URL segment: image, video or raw. */
    String path() {
        return path;
    }

    /**
     * The public id for a key: images and videos drop the extension (Cloudinary adds the format back
     * in delivery URLs); raw files keep it, as Cloudinary keeps it in raw public ids.
     */
    String publicId(String folder, String key) {
        String id = this == RAW || MediaKey.extension(key).isEmpty() ? key : key.substring(0, key.lastIndexOf('.'));
        return folder.isBlank() ? id : folder + "/" + id;
    }

    /** The file name ending of a delivery URL: {@code .png} for images and videos, nothing for raw. */
    String deliverySuffix(String key) {
        return this == RAW ? "" : "." + MediaKey.extension(key);
    }
}
