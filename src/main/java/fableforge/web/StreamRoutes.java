package fableforge.web;

import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.BiPredicate;

/** {@code /stream}: the checks before a story's event stream opens, its place among the open streams, and the stream. */
final class StreamRoutes {

    private static final String STREAM_SLOT = "fableforge.streamSlot";

    private final EventStream stream;
    private final StreamSlots streamSlots;
    private final BiPredicate<Caller, String> visibleStory;

    StreamRoutes(EventStream stream, StreamSlots streamSlots, BiPredicate<Caller, String> visibleStory) {
        this.stream = stream;
        this.streamSlots = streamSlots;
        this.visibleStory = visibleStory;
    }

    void install(RoutesConfig routes) {
        routes.before("/stream", ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new ErrorAnswers.NotAcceptable();
            }
            // Someone else's story is as unknown as a story that never was (404, never 403).
            String channel = QueryParams.of(ctx, "channel");
            if (channel != null && !visibleStory.test(RequestCaller.of(ctx), channel)) {
                throw new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no story with this id; open the stream as stream?channel=<story_id>");
            }
        });
        routes.before("/stream", this::takeStreamSlot);
        routes.sse("/stream", client -> {
            StreamSlots.Slot slot = client.ctx().attribute(STREAM_SLOT);
            client.ctx().attribute(STREAM_SLOT, null);
            stream.open(client, slot == null ? () -> { } : slot::release);
        });
        routes.after("/stream", ctx -> {
            // The request ended without becoming a stream (refused after the slot was taken).
            StreamSlots.Slot slot = ctx.attribute(STREAM_SLOT);
            if (slot != null) {
                slot.release();
            }
        });
    }

    /**
     * A place among the open streams (SSE_MAX_CONNECTIONS in all, SSE_MAX_PER_USER each), keyed by the
     * signed-in user, or by the client's address without accounts (where everyone is the one open caller).
     */
    private void takeStreamSlot(Context ctx) {
        Caller caller = RequestCaller.of(ctx);
        String user = caller == Caller.OPEN ? "address:" + ctx.ip() : "user:" + caller.userId();
        StreamSlots.Slot slot = streamSlots.take(user).orElseThrow(() -> new Refusal(503, "too_many_streams",
                "too many event streams are open; close other tabs of this app or try again in a few seconds", Map.of("Retry-After", "10")));
        ctx.attribute(STREAM_SLOT, slot);
    }
}
