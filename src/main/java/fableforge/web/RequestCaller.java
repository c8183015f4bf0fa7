package fableforge.web;

import fableforge.auth.Caller;
import io.javalin.http.Context;

/**
 * The caller of a request, as the authentication step found it. Without accounts nobody sets it,
 * and every request comes from {@link Caller#OPEN}.
 */
public final class RequestCaller {

    private static final String ATTRIBUTE = "fableforge.caller";

    private RequestCaller() {
    }

    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        return caller == null ? Caller.OPEN : caller;
    }

    public static void set(Context ctx, Caller caller) {
        ctx.attribute(ATTRIBUTE, caller);
    }
}
