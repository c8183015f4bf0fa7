package fableforge.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Keeps media as files under one directory. Writes go to a temporary file first and are then moved
 * into place, so a crash never leaves a half-written image under a real key.
 */
public final class LocalMediaStore implements MediaStore {

    private final Path root;
    private final String urlPrefix;

    /**
     * @param urlPrefix what the key is appended to for the URL: "" for paths relative to the root
     *                  (command line), "/media/" when the web app serves the root
     */
    public LocalMediaStore(Path root, String urlPrefix) {
        this.root = root.toAbsolutePath().normalize();
        this.urlPrefix = urlPrefix;
    }

    @Override
    public StoredMedia put(String key, byte[] bytes, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return new StoredMedia(key, urlPrefix + key, bytes.length);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        Path path = resolve(key);
        return Files.isRegularFile(path) ? Optional.of(Files.newInputStream(path)) : Optional.empty();
    }

    /** Copies the file beside its target first and then moves it in, as {@link #put} does, never reading it into memory. */
    @Override
    public StoredMedia putFile(String key, Path file, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
            long size = Files.size(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new StoredMedia(key, urlPrefix + key, size);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Path path = resolve(key);
        return Files.isRegularFile(path) ? Optional.of(Files.size(path)) : Optional.empty();
    }

    /** Size and modification time (to the file system's resolution): a put always moves a new file in. */
    @Override
    public Optional<String> fingerprint(String key) throws IOException {
        Path path = resolve(key);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        return Optional.of(Long.toHexString(Files.size(path)) + "-" + Files.getLastModifiedTime(path).toInstant().toString());
    }

    @Override
    public Optional<InputStream> open(String key, long offset) throws IOException {
        Path path = resolve(key);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        channel.position(offset);
        return Optional.of(Channels.newInputStream(channel));
    }

    /** The file behind a key, for callers that serve files directly. */
    public Path resolve(String key) {
        Path path = root.resolve(MediaKey.requireValid(key)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("invalid media key");
        }
        return path;
    }

    @Override
    public String name() {
        return "local";
    }
}
