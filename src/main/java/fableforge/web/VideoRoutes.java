package fableforge.web;

import fableforge.limits.LimitedAction;
import fableforge.limits.UserRateLimits;
import fableforge.videojob.MusicLibrary;
import fableforge.videojob.VideoJobs;
import fableforge.videojob.VideoOptions;
import fableforge.wire.Requests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** Asking for a story's video, and uploading music to lay under it. */
final class VideoRoutes {

    private final VideoJobs videos;
    private final MusicLibrary music;
    private final UserRateLimits limits;
    private final StrictJson strictJson;

    VideoRoutes(VideoJobs videos, MusicLibrary music, UserRateLimits limits, StrictJson strictJson) {
        this.videos = videos;
        this.music = music;
        this.limits = limits;
        this.strictJson = strictJson;
    }

    void install(RoutesConfig routes) {
        routes.post("/generate_video/{id}", this::generateVideo);
        routes.post("/api/music", this::uploadMusic);
    }

    /** {@code {clips?, narration?, draft?, music_key?, length_seconds?, caption_style?}}, every field optional; an empty body asks for the defaults. */
    private void generateVideo(Context ctx) {
        Requests.GenerateVideo body = strictJson.bodyAsClassOrEmpty(ctx, Requests.GenerateVideo.class);
        VideoOptions options = new VideoOptions(Optional.ofNullable(body.clips()).orElse("local").strip().toLowerCase(Locale.ROOT),
                Optional.ofNullable(body.narration()).orElse("none").strip().toLowerCase(Locale.ROOT), Boolean.TRUE.equals(body.draft()),
                Optional.ofNullable(body.musicKey()).map(String::strip).filter(key -> !key.isEmpty()), body.lengthSeconds(),
                body.captionStyle() == null ? null : body.captionStyle().strip().toLowerCase(Locale.ROOT));
        limits.take(RequestCaller.of(ctx), LimitedAction.VIDEO);
        ctx.status(202).json(videos.request(RequestCaller.of(ctx), ctx.pathParam("id"), options));
    }

    /**
     * The music file itself as the body, with its audio Content-Type. Read as a stream (the JSON body
     * limit does not apply) and cut off at {@link MusicLibrary#MAX_BYTES}.
     */
    private void uploadMusic(Context ctx) throws IOException {
        limits.take(RequestCaller.of(ctx), LimitedAction.UPLOAD);
        // The raw header: the servlet's getContentType() looks the charset up and throws on an unknown one.
        ctx.status(201).json(music.upload(RequestCaller.of(ctx), ctx.req().getInputStream(), ctx.header("Content-Type"),
                ctx.req().getContentLengthLong()));
    }
}
