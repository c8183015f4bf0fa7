package fableforge.videojob;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import fableforge.limits.QuotaExceeded;
import fableforge.limits.UserUploads;
import fableforge.media.MediaStore;
import fableforge.media.StoredMedia;
import fableforge.video.AudioProbe;
import fableforge.wire.Answers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Music the user uploads to lay under a video. Nothing about the upload is trusted: the declared type
 * must be an audio type we take, the first bytes must be that kind of file, FFmpeg must find sound in
 * it, and it is kept under a key made from its content's hash (never its name), so the same file
 * uploaded twice is one file.
 */
public final class MusicLibrary {

    /** 20 MiB: several minutes of MP3, enough for a 2-3 minute video. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;
    /** How much of a refused upload is still read so its sender hears why; a larger one is cut off. */
    static final long DRAIN_BYTES = 64L * 1024 * 1024;
    private static final Pattern KEY = Pattern.compile("music/(?:([0-9a-f]{32})/)?[0-9a-f]{32}\\.(mp3|wav|ogg|flac|m4a|aac|webm)");

    /** Declared content type (without parameters) → the file kind it must be. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp3", "mp3"),
            Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"), Map.entry("audio/wave", "wav"),
            Map.entry("audio/vnd.wave", "wav"),
            Map.entry("audio/ogg", "ogg"), Map.entry("audio/flac", "flac"), Map.entry("audio/x-flac", "flac"),
            Map.entry("audio/mp4", "m4a"), Map.entry("audio/x-m4a", "m4a"), Map.entry("audio/aac", "aac"),
            Map.entry("audio/webm", "webm"));

    private final MediaStore media;
    private final Path scratch;
    private final ObjectMapper mapper;
    private final UserUploads uploads;

    /** @param scratch a directory for uploads while they are checked */
    public MusicLibrary(MediaStore media, Path scratch, ObjectMapper mapper) {
        this(media, scratch, mapper, UserUploads.unlimited());
    }

    /** @param uploads each user's storage quota, counted here */
    public MusicLibrary(MediaStore media, Path scratch, ObjectMapper mapper, UserUploads uploads) {
        this.media = media;
        this.scratch = scratch;
        this.mapper = mapper;
        this.uploads = uploads;
    }

    /**
     * Whether {@code caller} may use this music: with accounts, uploads live under {@code music/<user_id>/}
     * and only their owner may use them; without accounts ({@link Caller#OPEN}) every upload is everyone's.
     */
    static boolean belongsTo(Caller caller, String key) {
        var matcher = KEY.matcher(key);
        return matcher.matches() && (caller == Caller.OPEN || caller.userId().equals(matcher.group(1)));
    }

    /**
     * Asked before a video is queued. The key is the client's, not from our records, so this asks the
     * store the way that never fails on a store that cannot tell "missing" from "forbidden".
     */
    boolean exists(String key) throws IOException {
        return media.exists(key);
    }

    /**
     * Checks and stores an upload: {@code contentType} as the client declared it, {@code declaredLength}
     * its Content-Length (-1 when absent). Answers {@code {music_key, size_bytes, duration_seconds, content_type}}.
     */
    public Answers.MusicUploaded upload(Caller caller, InputStream body, String contentType, long declaredLength) throws IOException {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String kind = TYPES.get(type);
        if (kind == null) {
            throw new UserFacingException(UserFacingException.Kind.UNSUPPORTED_MEDIA, "music must be sent as the raw file with an audio Content-Type ("
                    + String.join(", ", TYPES.keySet().stream().sorted().toList()) + "), not \"" + abbreviate(type) + "\"");
        }
        if (declaredLength > MAX_BYTES) {
            drain(body);
            throw tooLarge();
        }
        try {
            uploads.checkRoom(caller.userId(), declaredLength);
        } catch (QuotaExceeded e) {
            drain(body);
            throw e;
        }
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "music-", ".upload");
        try {
            String hash = copyCapped(body, file);
            long size = Files.size(file);
            if (size == 0) {
                throw new UserFacingException(UserFacingException.Kind.BAD_REQUEST, "the music file is empty");
            }
            if (!looksLike(kind, file)) {
                throw new UserFacingException(UserFacingException.Kind.UNSUPPORTED_MEDIA,
                        "the file is not " + kind.toUpperCase(Locale.ROOT) + " audio as its Content-Type says (its first bytes are of another kind)");
            }
            double seconds;
            try {
                seconds = AudioProbe.seconds(file);
            } catch (IOException e) {
                throw new UserFacingException(UserFacingException.Kind.UNSUPPORTED_MEDIA, "the file cannot be played as music: " + e.getMessage());
            }
            String key = folder(caller) + hash.substring(0, 32) + "." + kind;
            boolean claimed = uploads.claim(caller.userId(), key, size);
            StoredMedia stored;
            try {
                stored = media.putFile(key, file, type);
            } catch (IOException | RuntimeException e) {
                if (claimed) {
                    uploads.release(caller.userId(), key);
                }
                throw e;
            }
            return new Answers.MusicUploaded(stored.key(), size, Math.round(seconds * 10) / 10.0, type);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Each user's uploads in their own folder (account ids are 32 hex digits); one shared folder without accounts. */
    private static String folder(Caller caller) {
        return caller == Caller.OPEN ? "music/" : "music/" + caller.userId() + "/";
    }

    /** Copies at most {@link #MAX_BYTES} into {@code file}, answering the content's SHA-256 in hex. */
    private static String copyCapped(InputStream body, Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = body.read(buffer)) != -1) {
                total += read;
                if (total > MAX_BYTES) {
                    drain(body);
                    throw tooLarge();
                }
                out.write(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Reads and drops the rest of a refused upload (up to {@link #DRAIN_BYTES}), so the client, still
     * sending, gets the 413 and its reason instead of a connection reset mid-request.
     */
    private static void drain(InputStream body) {
        try {
            long left = DRAIN_BYTES;
            byte[] buffer = new byte[64 * 1024];
            int read;
            while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= read;
            }
        } catch (IOException e) {
            // The client went away: there is nobody left to tell.
        }
    }

    /** The file's signature matches the kind its type declares. */
    static boolean looksLike(String kind, Path file) throws IOException {
        byte[] head = new byte[12];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        if (length < 4) {
            return false;
        }
        return switch (kind) {
            case "mp3" -> ascii(head, 0, "ID3") || frameSync(head);
            case "wav" -> length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE");
            case "ogg" -> ascii(head, 0, "OggS");
            case "flac" -> ascii(head, 0, "fLaC");
            case "m4a" -> length >= 8 && ascii(head, 4, "ftyp");
            case "aac" -> (head[0] & 0xFF) == 0xFF && (head[1] & 0xF6) == 0xF0 || ascii(head, 0, "ID3");
            case "webm" -> (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF && (head[3] & 0xFF) == 0xA3;
            default -> false;
        };
    }

    /** An MPEG audio frame header: 11 set bits, then a valid layer. */
    private static boolean frameSync(byte[] head) {
        return (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0;
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static UserFacingException tooLarge() {
        return new UserFacingException(UserFacingException.Kind.TOO_LARGE, "the music file is over " + MAX_BYTES / (1024 * 1024)
                + " MB; use a shorter or more compressed file (an MP3 of a few minutes)");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
