package fableforge.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id at OWASP's Password Storage Cheat Sheet minimum (m=19 MiB, t=2, p=1,
 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html), through
 * BouncyCastle's {@code Argon2BytesGenerator}. A hash is stored in the PHC string form
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded base64), so its parameters travel with
 * it and stronger ones later still verify old hashes. And the rules a new password must meet.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern ENCODED = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    /**
     * Each hash takes 19 MiB for about 60 ms of a core: a flood of sign-ins with made-up names (which the
     * per-name throttle does not stop) could otherwise hold 19 MiB per server thread. At most this many
     * hash at once; the rest wait their turn.
     */
    private static final Semaphore HASHING = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    private final SecureRandom random = new SecureRandom();

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s".formatted(MEMORY_KIB, ITERATIONS, PARALLELISM, B64.encodeToString(salt),
                B64.encodeToString(hash));
    }

    /** Whether {@code password} is the one {@code encoded} was made from; false for anything not such a hash. */
    public boolean verify(String password, String encoded) {
        if (password == null || encoded == null) {
            return false;
        }
        Matcher parts = ENCODED.matcher(encoded);
        if (!parts.matches()) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(parts.group(5));
        byte[] actual = argon2(password, Base64.getDecoder().decode(parts.group(4)), Integer.parseInt(parts.group(1)),
                Integer.parseInt(parts.group(2)), Integer.parseInt(parts.group(3)), expected.length);
        // Constant time: how long the comparison takes says nothing about how much matched.
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * Spends the time of one verification without a stored hash, so signing in as a name that does not
     * exist takes as long as a wrong password (the time does not tell which names exist).
     */
    public void verifyNothing(String password) {
        argon2(password == null ? "" : password, new byte[SALT_BYTES], MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    }

    /**
     * What is wrong with a new password for the user {@code name}, or empty: 12 to 128 characters
     * (ASVS 2.1.1, 2.1.2), not one character repeated, not the name itself. Any character is allowed,
     * spaces too (ASVS 2.1.4: no composition rules).
     */
    public static Optional<String> problem(String name, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("choose a password of " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("the password has " + length + " characters; use at least " + MIN_LENGTH + " (a few words make a good one)");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("the password has " + length + " characters; use at most " + MAX_LENGTH);
        }
        if (password.codePoints().distinct().count() == 1) {
            return Optional.of("the password is one character repeated; choose one that is harder to guess");
        }
        if (name != null && password.strip().equalsIgnoreCase(name)) {
            return Optional.of("the password is your name; choose one that is harder to guess");
        }
        return Optional.empty();
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        HASHING.acquireUninterruptibly();
        try {
            return argon2Now(password, salt, memoryKib, iterations, parallelism, length);
        } finally {
            HASHING.release();
        }
    }

    private static byte[] argon2Now(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
