package fableforge.media;

/** Media that has been stored: its key, the URL clients load it from, and its size in bytes. */
public record StoredMedia(String key, String url, long sizeBytes) {
}
