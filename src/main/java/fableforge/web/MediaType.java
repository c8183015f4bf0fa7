package fableforge.web;

import fableforge.media.MediaKey;

/**
 * How {@code /media/<key>} labels a file: its content type by extension, whether the browser should
 * save it (archives, subtitles, timelines) rather than show it (images, the video, which a
 * {@code <a download>} link still saves), and whether it is served in byte ranges.
 *
 * <p>Ranges only for types Javalin never compresses (images, audio, video, ZIP): Javalin gzips the
 * others on the fly when the browser accepts it, which would make a byte range and a Content-Length
 * of the stored file wrong. Text files are small and sent whole.
 */
record MediaType(String contentType, boolean attachment, boolean ranges) {

    static MediaType of(String key) {
        return switch (MediaKey.extension(key)) {
            case "png" -> binary("image/png");
            case "jpg", "jpeg" -> binary("image/jpeg");
            case "webp" -> binary("image/webp");
            case "mp4" -> binary("video/mp4");
            case "zip" -> new MediaType("application/zip", true, true);
            case "mp3" -> binary("audio/mpeg");
            case "wav" -> binary("audio/wav");
            case "ogg" -> binary("audio/ogg");
            case "flac" -> binary("audio/flac");
            case "m4a" -> binary("audio/mp4");
            case "aac" -> binary("audio/aac");
            case "webm" -> binary("audio/webm");
            case "srt" -> new MediaType("application/x-subrip; charset=utf-8", true, false);
            case "fcpxml" -> new MediaType("application/xml; charset=utf-8", true, false);
            default -> new MediaType("application/octet-stream", true, false);
        };
    }

    private static MediaType binary(String contentType) {
        return new MediaType(contentType, false, true);
    }

    /** The Content-Disposition header: the key's file name (safe by {@link MediaKey}'s rules), attachment or inline. */
    String disposition(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return (attachment ? "attachment" : "inline") + "; filename=\"" + name + "\"";
    }
}
