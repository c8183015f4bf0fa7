package fableforge.web;

import fableforge.failure.UserFacingException;
import fableforge.limits.QuotaExceeded;
import fableforge.limits.RateLimited;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.SecretScrubber;
import fableforge.quiz.FieldError;
import fableforge.quiz.InvalidQuizException;
import fableforge.wire.Answers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error of the API as JSON ({@link Answers.ErrorBody}), mapped from its exception in one place. */
final class ErrorAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);
    private static final String EXPLAINED = "fableforge.explained";

    private final SecretScrubber scrubber;

    ErrorAnswers(SecretScrubber scrubber) {
        this.scrubber = scrubber;
    }

    void install(RoutesConfig routes) {
        routes.exception(NotAcceptable.class, (e, ctx) -> error(ctx, 406, "not_acceptable",
                "this is a Server-Sent Events stream: send the header Accept: text/event-stream (EventSource does)"));
        routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> methodNotAllowed(ctx, e));
        // Javalin's own answers (no such endpoint, …) are plain text otherwise.
        routes.exception(HttpResponseException.class, (e, ctx) -> explained(ctx, e.getStatus(), JsonErrorHandler.code(e.getStatus()),
                e.getStatus() == 404 ? noSuchEndpoint(ctx) : e.getStatus() == 413 ? bodyTooLarge() : JsonErrorHandler.message(e.getStatus())));
        routes.exception(Refusal.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            explained(ctx, e.status(), e.code(), e.getMessage());
        });
        routes.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, "bad_request", e.getMessage()));
        routes.exception(UserFacingException.class, (e, ctx) -> explained(ctx, e.kind().status(), e.kind().code(), e.getMessage()));
        routes.exception(RateLimited.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            error(ctx, 429, "rate_limited", e.getMessage());
        });
        routes.exception(QuotaExceeded.class, (e, ctx) -> explained(ctx, 413, "quota_exceeded", e.getMessage()));
        routes.exception(InvalidQuizException.class, (e, ctx) -> {
            Map<String, String> fields = new LinkedHashMap<>();
            for (FieldError error : e.errors()) {
                fields.put(error.field(), error.message());
            }
            ctx.status(400).json(new Answers.InvalidQuiz("invalid_quiz", "Some answers need fixing: " + e.errors().size(), fields));
        });
        routes.exception(ProviderException.class, (e, ctx) -> providerFailed(ctx, e));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal_error", "Something went wrong on the server; nothing was changed. Try again.");
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null) {
                error(ctx, 404, "not_found", noSuchEndpoint(ctx));
            }
        });
        routes.error(413, ctx -> {
            // Our own 413s (an upload over its own limit) already say why; this one is the JSON body limit.
            if (ctx.attribute(EXPLAINED) == null) {
                error(ctx, 413, "too_large", bodyTooLarge());
            }
        });
    }

    static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new Answers.ErrorBody(code, message));
    }

    /** An error carrying its own explanation, so a status-wide error handler leaves it alone. */
    private static void explained(Context ctx, int status, String code, String message) {
        ctx.attribute(EXPLAINED, true);
        error(ctx, status, code, message);
    }

    private static String bodyTooLarge() {
        return "request body over " + WebServer.MAX_BODY_BYTES / 1024 + " KiB";
    }

    /**
     * A provider failure the retries did not cure. Out of credit is said as exactly that (402); a
     * problem the user's configuration must fix is not followed by "try again".
     */
    private void providerFailed(Context ctx, ProviderException e) {
        // The provider's own words, without any configured secret and cut to one short line.
        String message = scrubber.summary(e.getMessage());
        LOG.warn("provider failed on {} {}: {}", ctx.method(), ctx.path(), message);
        switch (e.error()) {
            case ProviderError.BillingLimit billing -> error(ctx, 402, "billing_limit", message);
            case ProviderError.BadCredentials credentials -> error(ctx, 502, "provider_credentials", message);
            case ProviderError.BadRequest request -> error(ctx, 502, "provider_rejected", message);
            default -> error(ctx, 502, "provider_failed", "The story provider failed: " + message + ". Try again.");
        }
    }

    /** 405 with the methods the path does take in {@code Allow} (RFC 9110 §15.5.6), as JSON like every error. */
    private static void methodNotAllowed(Context ctx, MethodNotAllowedResponse e) {
        List<String> allowed = new ArrayList<>();
        for (String method : e.getDetails().getOrDefault("availableMethods", "").split("[,\\s]+")) {
            String name = method.strip().toUpperCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("BEFORE") && !name.equals("AFTER") && !allowed.contains(name)) {
                allowed.add(name);
            }
        }
        ctx.header("Allow", String.join(", ", allowed));
        explained(ctx, 405, "method_not_allowed", ctx.method() + " is not used on " + ctx.path()
                + "; this path takes " + String.join(", ", allowed));
    }

    private static String noSuchEndpoint(Context ctx) {
        String path = ctx.path().length() > 200 ? ctx.path().substring(0, 200) + "…" : ctx.path();
        return "no such endpoint: " + ctx.method() + " " + path;
    }

    /** The stream was asked for without Accept: text/event-stream. */
    static final class NotAcceptable extends RuntimeException {
    }

    /** A request whose body or parameters are wrong, with what to fix. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
