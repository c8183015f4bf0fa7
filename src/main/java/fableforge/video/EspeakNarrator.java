package fableforge.video;

import fableforge.story.Scene;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Narration by the local espeak-ng (or espeak) speech engine, when one is installed: robotic but
 * free and offline. The text goes in on standard input (never as an argument, so no text can be
 * read as an option) and a WAV file comes out.
 */
public final class EspeakNarrator implements Narrator {

    private static final List<String> PROGRAMS = List.of("espeak-ng", "espeak");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path program;
    private final String voice;
    private final int wordsPerMinute;

    EspeakNarrator(Path program, String voice, int wordsPerMinute) {
        this.program = program;
        this.voice = voice;
        this.wordsPerMinute = wordsPerMinute;
    }

    /** The engine on {@code PATH}, if there is one. */
    public static Optional<EspeakNarrator> find(String path) {
        for (String name : PROGRAMS) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new EspeakNarrator(candidate, "en-us", 160));
                }
            }
        }
        return Optional.empty();
    }

    public static Optional<EspeakNarrator> onPath() {
        return find(Optional.ofNullable(System.getenv("PATH")).orElse(""));
    }

    @Override
    public String name() {
        return program.getFileName().toString();
    }

    @Override
    public Optional<float[]> narrate(String storyId, Scene scene) throws IOException {
        Path wav = Files.createTempFile("fableforge-speech-", ".wav");
        try {
            Process process = new ProcessBuilder(program.toString(), "-v", voice, "-s", String.valueOf(wordsPerMinute),
                    "-w", wav.toString(), "--stdin")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(scene.narration().getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(name() + " did not finish scene " + scene.number() + " within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0 || Files.size(wav) <= 44) {
                throw new IOException(name() + " failed on scene " + scene.number() + " (exit " + process.exitValue() + ")");
            }
            return Optional.of(Audio.decode(wav));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name() + " interrupted", e);
        } finally {
            Files.deleteIfExists(wav);
        }
    }
}
