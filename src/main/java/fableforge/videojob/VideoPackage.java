package fableforge.videojob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The ZIP of everything a finished video is made of, written entry by entry straight to a file: each
 * entry is copied from its stream, so the video and the images never sit in memory whole. Pictures
 * and the video are stored, not deflated (they are compressed already; deflating costs time for
 * nothing); text is deflated.
 */
final class VideoPackage implements AutoCloseable {

    private final ZipOutputStream zip;

    private VideoPackage(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    }

    static VideoPackage create(Path file) throws IOException {
        return new VideoPackage(Files.newOutputStream(file));
    }

    void text(String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** A stored (uncompressed) entry copied from {@code in}; the file's CRC and size go in a trailing descriptor. */
    void media(String name, InputStream in) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        // DEFLATED with level 0 streams without knowing size and CRC ahead; STORED would need both first.
        zip.setLevel(0);
        zip.putNextEntry(entry);
        try (in) {
            in.transferTo(zip);
        }
        zip.closeEntry();
        zip.setLevel(java.util.zip.Deflater.DEFAULT_COMPRESSION);
    }

    void file(String name, Path file) throws IOException {
        media(name, Files.newInputStream(file));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
