package fableforge.telegram;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Keeps every Bot API answer small and readable before the client parses it: more than
 * {@link #MAX_ANSWER_BYTES} is refused (a getUpdates page of 100 updates is far below), and an answer
 * that is not JSON (a proxy's HTML 502 page) becomes an I/O failure naming its status, which is retried,
 * instead of a parse error deep in the client. Telegram's own errors are JSON and pass through as they are.
 */
final class BoundedAnswers implements Interceptor {

    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ResponseBody body = response.body();
        if (body == null) {
            throw new IOException("HTTP " + response.code() + " from the Bot API with no body");
        }
        MediaType type = body.contentType();
        byte[] bytes;
        try (body) {
            BufferedSource source = body.source();
            if (source.request(MAX_ANSWER_BYTES + 1L)) {
                throw new IOException("HTTP " + response.code() + " from the Bot API: answer larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            bytes = source.getBuffer().readByteArray();
        }
        boolean json = type != null && type.subtype().equalsIgnoreCase("json");
        if (!json) {
            throw new IOException("HTTP " + response.code() + " from the Bot API (" + (type == null ? "no content type" : type) + ", not JSON)");
        }
        return response.newBuilder().body(ResponseBody.create(bytes, type)).build();
    }
}
