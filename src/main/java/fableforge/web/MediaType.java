package fableforge.web;

import fableforge.media.MediaKey;

/**
 * How {@code /media/<key>} labels a file: its content type by extension, and whether the browser
 * should save it (archives, subtitles, timelines) rather than show it (images, the video, which a
 * {@code <a download>} link still saves).
 */
record MediaType(String contentType, boolean attachment) {

    static MediaType of(String key) {
        return switch (MediaKey.extension(key)) {
            case "png" -> new MediaType("image/png", false);
            case "jpg", "jpeg" -> new MediaType("image/jpeg", false);
            case "webp" -> new MediaType("image/webp", false);
            case "mp4" -> new MediaType("video/mp4", false);
            case "srt" -> new MediaType("application/x-subrip; charset=utf-8", true);
            case "fcpxml" -> new MediaType("application/xml; charset=utf-8", true);
            case "zip" -> new MediaType("application/zip", true);
            case "mp3" -> new MediaType("audio/mpeg", false);
            case "wav" -> new MediaType("audio/wav", false);
            case "ogg" -> new MediaType("audio/ogg", false);
            case "flac" -> new MediaType("audio/flac", false);
            case "m4a" -> new MediaType("audio/mp4", false);
            case "aac" -> new MediaType("audio/aac", false);
            case "webm" -> new MediaType("audio/webm", false);
            default -> new MediaType("application/octet-stream", true);
        };
    }

    /** The Content-Disposition header: the key's file name (safe by {@link MediaKey}'s rules), attachment or inline. */
    String disposition(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return (attachment ? "attachment" : "inline") + "; filename=\"" + name + "\"";
    }
}
