package fableforge.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a run writes its files. Everything is made in a hidden staging directory beside the target
 * and moved in only when complete, so a crash or a failed run never leaves a half-written story in
 * place of a good one.
 */
final class OutputDirectory implements AutoCloseable {

    private final Path target;
    private final Path staging;

    private OutputDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    static OutputDirectory prepare(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException(target + " exists and is not a directory");
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".partial-");
        return new OutputDirectory(absolute, staging);
    }

    Path staging() {
        return staging;
    }

    Path target() {
        return target;
    }

    /** Moves every staged file into the target, replacing files of the same name. */
    void commit() throws IOException {
        Files.createDirectories(target);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staging)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path destination = target.resolve(staging.relativize(file).toString());
            Files.createDirectories(destination.getParent());
            try {
                Files.move(file, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(file, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (DirectoryNotEmptyException ignored) {
                    // a file appeared meanwhile; leave the staging directory for the user to inspect
                }
            }
        }
    }
}
