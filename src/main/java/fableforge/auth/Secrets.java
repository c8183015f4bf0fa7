package fableforge.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bearer secrets of accounts: API tokens, session ids and sign-in link ids. Each is 256 random bits
 * from {@link SecureRandom}; the store keeps only its SHA-256, so a leaked database signs nobody in.
 * (A fast hash is enough here, unlike for passwords: 256 random bits cannot be guessed.)
 */
public final class Secrets {

    /** Every API token starts with this, so a leaked one is easy to recognise (and to scan for). */
    public static final String TOKEN_PREFIX = "ff_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 256 random bits, URL-safe base64 without padding (43 characters). */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String token() {
        return TOKEN_PREFIX + random();
    }

    /** A 128-bit random id in hex: account ids (not secret, never a credential). */
    public static String id() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The SHA-256 of a secret in hex: what the store keeps and looks up. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
