package fableforge.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.auth.Accounts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seeded generator of {@link HostileRequestFuzzTest}: every method on every route and on random paths,
 * bodies that are valid then mutated, and hostile headers, aimed at the stories and accounts it is given.
 * With accounts (ada's and bob's given) requests carry the owner's token, another user's, a made-up one or
 * none, and the sign-in endpoints are driven too. It keeps which kinds of method, target, body, mutation and
 * header it has drawn ({@link #undrawn()}), so a run can show that its requests covered every kind.
 */
final class HostileRequests {

    static final List<String> METHODS = List.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH");
    static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");
    /** Ada's password (set before the run), so a sign-in can succeed. */
    static final String PASSWORD = "a good long passphrase";
    private static final int BODY_KINDS = 14;
    private static final int MUTATION_KINDS = 8;

    private final int port;
    private final boolean withAccounts;
    private final Accounts.NewAccount ada;
    private final Accounts.NewAccount bob;
    private final String bobsLink;
    private final String fresh;
    private final List<String> freshScenes;
    private final String drawn;
    private final String imageKey;
    private final Set<String> kindsDrawn = new TreeSet<>();

    /**
     * @param fresh a story whose scenes are not approved yet, with its scene texts
     * @param drawn a story with its images drawn and none approved, and the media key of one of them
     * @param ada the owner's account, or null without accounts (then bob and bobsLink are null too)
     */
    HostileRequests(int port, String fresh, List<String> freshScenes, String drawn, String imageKey,
                    Accounts.NewAccount ada, Accounts.NewAccount bob, String bobsLink) {
        this.port = port;
        this.withAccounts = ada != null;
        this.ada = ada;
        this.bob = bob;
        this.bobsLink = bobsLink;
        this.fresh = fresh;
        this.freshScenes = List.copyOf(freshScenes);
        this.drawn = drawn;
        this.imageKey = imageKey;
    }

    record Request(String method, String target, byte[] body, String[] headers) {
        @Override
        public String toString() {
            String shown = body == null ? "-" : new String(body, StandardCharsets.UTF_8);
            return method + " " + abbreviate(target) + " " + List.of(headers) + " body " + abbreviate(shown);
        }

        private static String abbreviate(String text) {
            return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + ")";
        }
    }

    /** The kinds of request this generator can draw and has not drawn yet (one label per kind). */
    Set<String> undrawn() {
        Set<String> kinds = new TreeSet<>();
        METHODS.forEach(method -> kinds.add("method " + method));
        for (int kind = 0; kind < targetKinds(); kind++) {
            kinds.add("target " + kind);
        }
        for (int kind = 0; kind < BODY_KINDS; kind++) {
            kinds.add("body " + kind);
        }
        for (int kind = 0; kind < MUTATION_KINDS; kind++) {
            kinds.add("mutation " + kind);
        }
        List.of("Host", "Origin", "Sec-Fetch-Site", "Range", "Accept", "other").forEach(header -> kinds.add("header " + header));
        if (withAccounts) {
            kinds.add("header Authorization");
        }
        kinds.removeAll(kindsDrawn);
        return kinds;
    }

    private int targetKinds() {
        return withAccounts ? 22 : 18;
    }

    /** The next request, drawn from {@code random}. */
    Request next(Random random) {
        String method = pick(random, METHODS);
        kindsDrawn.add("method " + method);
        String target = target(random);
        List<String> headers = new ArrayList<>();
        byte[] body = null;
        if (random.nextInt(4) > 0 || WRITES.contains(method)) {
            body = body(random, target);
            headers.add("Content-Type");
            headers.add(contentType(random));
        }
        if (random.nextInt(10) == 0) {
            headers.add("Host");
            kindsDrawn.add("header Host");
            headers.add(pick(random, List.of("attacker.example", "localhost:" + port, "[::1]", "127.0.0.1.nip.io", "", "a b", "[::1")));
        }
        if (random.nextInt(6) == 0) {
            headers.add("Origin");
            kindsDrawn.add("header Origin");
            headers.add(pick(random, List.of("http://127.0.0.1:" + port, "http://attacker.example", "null", "http://localhost:" + port,
                    "https://127.0.0.1:" + port, "%%%", "http://[::1", "file://")));
        }
        if (random.nextInt(6) == 0) {
            headers.add("Sec-Fetch-Site");
            kindsDrawn.add("header Sec-Fetch-Site");
            headers.add(pick(random, List.of("same-origin", "same-site", "cross-site", "none", "bogus")));
        }
        if (random.nextInt(6) == 0) {
            headers.add("Range");
            kindsDrawn.add("header Range");
            headers.add(pick(random, List.of("bytes=0-10", "bytes=-5", "bytes=99999999-", "bytes=5-1", "bytes=a-b", "items=1-2",
                    "bytes=0-1,3-4", "bytes=" + "9".repeat(40) + "-")));
        }
        if (random.nextInt(5) == 0) {
            headers.add("Accept");
            kindsDrawn.add("header Accept");
            headers.add(pick(random, List.of("*/*", "application/json", "text/html", "image/*", "", "\u0001", "text/event-stream")));
        }
        if (random.nextInt(8) == 0) {
            kindsDrawn.add("header other");
            headers.add(pick(random, List.of("Last-Event-ID", "X-Forwarded-Host", "X-Forwarded-Proto", "Cookie", "Authorization")));
            headers.add(pick(random, List.of("1", "-1", "99999999999999999999", "attacker.example", "https", "x=y", "Bearer x")));
        }
        if (withAccounts && random.nextInt(10) > 0) {
            headers.add("Authorization");
            kindsDrawn.add("header Authorization");
            headers.add(pick(random, List.of("Bearer " + ada.token(), "Bearer " + ada.token(), "Bearer " + ada.token(),
                    "Bearer " + ada.token(), "Bearer " + bob.token(), "Bearer ff_" + "x".repeat(43), "Basic YWRhOmFkYQ==", "Bearer")));
        }
        if (target.startsWith("/stream") && headers.contains("text/event-stream") && (target.contains(drawn) || target.contains(fresh))) {
            // An accepted event stream stays open by design: that is not a request this test can wait for.
            headers.set(headers.indexOf("text/event-stream"), "application/json");
        }
        return new Request(method, target, body, headers.toArray(String[]::new));
    }

    private String target(Random random) {
        String story = pick(random, List.of(fresh, drawn, drawn, "0".repeat(32), "x", "../" + drawn, drawn.toUpperCase(), "%00", ""));
        String scene = pick(random, List.of("1", "2", "3", "19", "0", "21", "-1", "%D9%A1", "%EF%BC%91", "1.0", "99999999999", "x", ""));
        int kind = random.nextInt(targetKinds());
        kindsDrawn.add("target " + kind);
        return switch (kind) {
            case 0 -> "/";
            case 1 -> pick(random, List.of("/js/app.js", "/css/app.css", "/index.html", "/openapi.yaml", "/js/", "/js/nothing.js"));
            case 2 -> "/api/quiz";
            case 3 -> "/api/stories" + pick(random, List.of("", "?limit=-1", "?x=%zz", "/"));
            case 4 -> "/health";
            case 5, 6 -> "/story/" + story;
            case 7 -> "/stream?channel=" + story;
            case 8 -> "/media/" + pick(random, List.of(imageKey, "a".repeat(4_000), "a/".repeat(300) + "b.png", "..%2F..%2Fetc%2Fpasswd",
                    "stories/none.png", "%00", imageKey + "/x", "a\\b"));
            case 9, 10 -> "/submit";
            case 11 -> "/approve_scenes";
            case 12, 13, 14 -> "/approve_image/" + story + "/" + scene;
            case 15 -> "/generate_video/" + story;
            case 16 -> "/api/music";
            case 18, 19, 20 -> pick(random, List.of("/api/signin", "/api/signin/link", "/api/signout", "/api/me", "/api/password",
                    "/signin", "/signin?link=" + "x".repeat(random.nextInt(3_000))));
            default -> randomPath(random);
        };
    }

    private static String randomPath(Random random) {
        return pick(random, List.of("/%", "/%zz", "//", "/..%2f..%2f", "/story/../health", "/" + "x".repeat(random.nextInt(9_000)),
                "/a;b=c", "/%00", "/%C0%AE%C0%AE/", "/api", "/approve_image", "/approve_image/a/b/c", "/favicon.ico",
                "/?" + "q=".repeat(random.nextInt(2_000)), "/story/%E2%80%AE"));
    }

    private String contentType(Random random) {
        return pick(random, List.of("application/json", "application/json", "application/json; charset=utf-8", "application/json; charset=bogus",
                "application/json; charset=iso-8859-1", "application/json;", "application/json; charset", "text/plain",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "audio/mpeg", "audio/wav", "", ";;;",
                "application/json; charset=\"utf-8", "APPLICATION/JSON"));
    }

    /** A valid body for the route, then most of the time mutated into something hostile. */
    private byte[] body(Random random, String target) {
        String json = validBody(random, target).toString();
        int kind = random.nextInt(BODY_KINDS);
        kindsDrawn.add("body " + kind);
        return switch (kind) {
            case 0, 1, 2 -> json.getBytes(StandardCharsets.UTF_8);
            case 3 -> (json + pick(random, List.of(" x", "{}", "]", " \u0000", "//"))).getBytes(StandardCharsets.UTF_8);
            case 4 -> json.substring(0, random.nextInt(json.length())).getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"action\":\"approve\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
            case 6 -> json.getBytes(StandardCharsets.UTF_16);
            case 7 -> new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}', (byte) 0xc0, (byte) 0x80};
            case 8 -> randomJson(random, 0).getBytes(StandardCharsets.UTF_8);
            case 9 -> "[".repeat(random.nextInt(3_000)).getBytes(StandardCharsets.UTF_8);
            case 10 -> new byte[0];
            case 11 -> ("{\"x\":\"" + "y".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            default -> mutate(random, validBody(random, target)).toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    private ObjectNode validBody(Random random, String target) {
        if (target.startsWith("/submit")) {
            return TestApp.redFoxQuiz();
        }
        if (target.startsWith("/approve_scenes")) {
            ObjectNode approval = TestApp.jsonObject().put("story_id", random.nextBoolean() ? fresh : drawn);
            freshScenes.forEach(approval.putArray("scenes")::add);
            return approval;
        }
        if (target.startsWith("/approve_image")) {
            // Never approve scene 20 of the drawn story: with every image approved a valid generate_video would render.
            if (target.endsWith("/20")) {
                return TestApp.jsonObject().put("action", "reject").put("reason", "style");
            }
            return random.nextBoolean() ? TestApp.jsonObject().put("action", "approve")
                    : TestApp.jsonObject().put("action", "reject").put("reason", pick(random, List.of("style", "colours", "other")))
                    .put("prompt", "A fox in the rain");
        }
        if (target.equals("/api/signin")) {
            return TestApp.jsonObject().put("name", pick(random, List.of("ada", "bob", "nobody", "ADA")))
                    .put("password", pick(random, List.of(PASSWORD, "wrong password", "")));
        }
        if (target.equals("/api/signin/link")) {
            return TestApp.jsonObject().put("link", pick(random, List.of(bobsLink, "made-up", ""))).put("password", PASSWORD);
        }
        if (target.equals("/api/password")) {
            return TestApp.jsonObject().put("current_password", pick(random, List.of(PASSWORD, "wrong password")))
                    .put("new_password", pick(random, List.of(PASSWORD, "short", "x".repeat(200))));
        }
        if (target.startsWith("/generate_video")) {
            return TestApp.jsonObject().put("clips", "local").put("narration", "none").put("draft", true);
        }
        return TestApp.jsonObject();
    }

    /** One field of a valid body replaced by something of the wrong kind or with hostile characters. */
    private ObjectNode mutate(Random random, ObjectNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        String field = names.isEmpty() ? "x" : pick(random, names);
        int kind = random.nextInt(MUTATION_KINDS);
        kindsDrawn.add("mutation " + kind);
        switch (kind) {
            case 0 -> body.put(field, 12345);
            case 1 -> body.putNull(field);
            case 2 -> body.putArray(field).add(1).add("two");
            case 3 -> body.put(field, "a\u0000b\u001b[2J\u202Ec");
            case 4 -> body.put(field, "z".repeat(5_000));
            case 5 -> body.putObject(field).put("nested", true);
            case 6 -> body.remove(field);
            default -> body.put(field, pick(random, List.of("\u0661", "\uFF11", "-1", "", " ", "approve ", "APPROVE", "\ud800")));
        }
        return body;
    }

    private static String randomJson(Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> String.valueOf(random.nextInt());
            case 1 -> "\"" + pick(random, List.of("approve", "reject", "fox", "\\u0000", "\\ud800", "\\\"", "")) + "\"";
            case 2 -> pick(random, List.of("true", "null", "1e999", "-0", "0.1"));
            case 3 -> pick(random, List.of("{", "}", "\"", "[1,]", "{\"a\"}", "NaN", "'x'"));
            case 4 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(randomJson(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append("]").toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.append('"').append(pick(random, List.of("action", "story_id", "scenes", "attempt", "prompt", "animal", "draft")))
                            .append("\":").append(randomJson(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield object.append("}").toString();
            }
        };
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
