package fableforge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.auth.Caller;
import fableforge.store.StoryVersions;
import fableforge.studio.StoryView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /story} served from a per-story snapshot (issue 14): the document serialized once, as JSON
 * and gzip, and kept until the story's version changes ({@link StoryVersions}: the event log's sequence
 * number and what changes without an event, read from the shared database, so a change made on any node
 * is seen on every node). A poll costs one small query and, when nothing changed, no rendering at all.
 *
 * <p>The snapshot holds what the story's owner sees; who may see it is checked first, for every request,
 * from the same query ({@link StoryView#version}), so neither a body nor a 304 reaches anyone else.
 */
final class StorySnapshots {

    /** Stories kept; a poll of one beyond them renders it again. Kept gzipped: 5-15 KB each. */
    static final int MAX_STORIES = 1024;

    /** The version of a story's view as seen now: its entity tags, before any body is needed. */
    record Current(String storyId, boolean prompts, String tag) {

        /** The strong entity tag of the JSON body. */
        String etag() {
            return "\"" + tag + "\"";
        }

        /** The gzip body's: another representation, so another strong tag (RFC 9110 §8.8.3). */
        String gzipEtag() {
            return "\"" + tag + "-gz\"";
        }
    }

    /**
     * A story's document at one version, kept only gzipped (a finished story's JSON is 100 KB or more, its
     * gzip about 7 KB): browsers take it as it is, and the rare client without gzip gets it inflated.
     */
    record Snapshot(String tag, byte[] gzip, int jsonLength) {

        byte[] json() {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                return in.readNBytes(jsonLength);
            } catch (IOException e) {
                throw new UncheckedIOException("a snapshot this JVM gzipped could not be read back", e);
            }
        }
    }

    private final StoryView view;
    private final ObjectMapper mapper;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    StorySnapshots(StoryView view, ObjectMapper mapper) {
        this.view = view;
        this.mapper = mapper;
    }

    /** The story's current version, if the caller may see it; otherwise "not found", as for a story that does not exist. */
    Current current(Caller caller, String storyId, boolean prompts) {
        StoryVersions.StoryVersion version = view.version(caller, storyId);
        return new Current(storyId, prompts, version.seq() + "-" + digest(version.unevented()) + (prompts ? "-p" : ""));
    }

    /** The snapshot of that version: the one kept, or rendered now (once, however many polls ask at the same moment). */
    Snapshot snapshot(Current current) {
        String key = current.storyId() + (current.prompts() ? "+prompts" : "");
        Snapshot kept = snapshots.get(key);
        if (kept != null && kept.tag().equals(current.tag())) {
            return kept;
        }
        if (snapshots.size() >= MAX_STORIES && !snapshots.containsKey(key)) {
            evictOne();
        }
        // Rendered after the version was read: a change in between is in the body under the older tag,
        // and the next poll reads the newer version and renders again; a body is never older than its tag.
        return snapshots.compute(key, (k, old) -> old != null && old.tag().equals(current.tag()) ? old : render(current));
    }

    private Snapshot render(Current current) {
        try {
            byte[] json = mapper.writeValueAsBytes(view.story(current.storyId(), current.prompts()));
            return new Snapshot(current.tag(), gzip(json), json.length);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a story document always writes as JSON", e);
        }
    }

    /** Any one story goes: a cache this size is about memory, and a story not polled costs one render when it is again. */
    private void evictOne() {
        Iterator<String> keys = snapshots.keySet().iterator();
        if (keys.hasNext()) {
            snapshots.remove(keys.next());
        }
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** 16 hex digits of SHA-256: the tag says the version changed without showing the day's spend it is made of. */
    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
