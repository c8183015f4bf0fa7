package fableforge.video;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * When everything happens, in frames. Scene i has the frames from the cut before it to the cut after
 * it to itself (its caption cues and its narration sit there); around each cut the two scenes overlap
 * for the crossfade, half before and half after. The video's length is the sum of the scenes' own
 * lengths, which is the sum of their clip lengths minus the overlaps.
 */
public record Timeline(int fps, int crossfadeFrames, List<Slot> slots) {

    public Timeline {
        slots = List.copyOf(slots);
    }

    /**
     * One scene on the timeline.
     *
     * @param clipStart      first frame of its clip (fade-in included)
     * @param clipFrames     frames of its clip
     * @param ownStart       the cut before it (first frame it has to itself)
     * @param ownEnd         the cut after it (exclusive)
     * @param narrationStart the frame its narration starts at, when narrated
     */
    public record Slot(int sceneNumber, int clipStart, int clipFrames, int ownStart, int ownEnd, List<Cue> cues,
                       OptionalInt narrationStart) {

        public Slot {
            cues = List.copyOf(cues);
        }

        public int clipEnd() {
            return clipStart + clipFrames;
        }

        public int ownFrames() {
            return ownEnd - ownStart;
        }
    }

    /**
     * One caption page on screen from {@code startFrame} to {@code endFrame} (exclusive); {@code wordStarts}
     * holds the frame each of its words (in reading order, line after line) starts being spoken or read,
     * for the {@code words} style's highlight; {@code placement} is where its scene's captions sit.
     */
    public record Cue(int sceneNumber, int startFrame, int endFrame, List<String> lines, List<Integer> wordStarts,
                      CaptionPlacement placement) {
        public Cue {
            lines = List.copyOf(lines);
            wordStarts = List.copyOf(wordStarts);
        }

        public Cue(int sceneNumber, int startFrame, int endFrame, List<String> lines, List<Integer> wordStarts) {
            this(sceneNumber, startFrame, endFrame, lines, wordStarts, CaptionPlacement.BOTTOM);
        }

        /** A cue whose words are read evenly by their characters across its whole time. */
        public Cue(int sceneNumber, int startFrame, int endFrame, List<String> lines) {
            this(sceneNumber, startFrame, endFrame, lines, Timeline.wordStarts(lines, startFrame, endFrame));
        }

        public String text() {
            return String.join("\n", lines);
        }

        /** The index of the word being spoken at {@code frame}: the last whose start has come. */
        public int wordAt(int frame) {
            int word = 0;
            while (word + 1 < wordStarts.size() && wordStarts.get(word + 1) <= frame) {
                word++;
            }
            return word;
        }
    }

    /**
     * What the timeline needs to know of one scene: its own seconds, its caption pages, whether it is
     * narrated and how long its voice speaks (0 when silent: the captions are then paced over the scene), and
     * where its captions sit.
     */
    public record SceneTiming(int sceneNumber, double seconds, List<List<String>> pages, boolean narrated, double voiceSeconds,
                              CaptionPlacement placement) {
        public SceneTiming(int sceneNumber, double seconds, List<List<String>> pages, boolean narrated, double voiceSeconds) {
            this(sceneNumber, seconds, pages, narrated, voiceSeconds, CaptionPlacement.BOTTOM);
        }

        public SceneTiming(int sceneNumber, double seconds, List<List<String>> pages, boolean narrated) {
            this(sceneNumber, seconds, pages, narrated, 0);
        }
    }

    /** The shortest time a cue stays on screen when its scene has room: one second. */
    static final double MIN_CUE_SECONDS = 1.0;

    public static Timeline build(List<SceneTiming> scenes, int fps, int crossfadeFrames, int narrationLeadFrames) {
        List<Slot> slots = new ArrayList<>();
        int cut = 0;
        double elapsed = 0;
        for (int i = 0; i < scenes.size(); i++) {
            SceneTiming scene = scenes.get(i);
            // Cuts are rounded from the running total, so the video's length is the scenes' sum to the frame.
            elapsed += scene.seconds();
            int own = Math.max(crossfadeFrames + 1, (int) Math.round(elapsed * fps) - cut);
            int ownStart = cut;
            int ownEnd = cut + own;
            int clipStart = i == 0 ? 0 : ownStart - crossfadeFrames / 2;
            int clipEnd = i == scenes.size() - 1 ? ownEnd : ownEnd - crossfadeFrames / 2 + crossfadeFrames;
            OptionalInt narrationStart = scene.narrated() ? OptionalInt.of(ownStart + narrationLeadFrames) : OptionalInt.empty();
            slots.add(new Slot(scene.sceneNumber(), clipStart, clipEnd - clipStart, ownStart, ownEnd,
                    cues(scene, ownStart, ownEnd, narrationStart, fps), narrationStart));
            cut = ownEnd;
        }
        return new Timeline(fps, crossfadeFrames, slots);
    }

    /**
     * The pages tile the scene's own frames: each shows from when the voice reaches it (silent: in proportion
     * to its characters) and lasts at least a second when the scene has room for it. Words are timed across the voice when narrated, by
     * their syllables and pauses (so the highlight follows it), else across the page's time at an even reading pace.
     */
    private static List<Cue> cues(SceneTiming scene, int ownStart, int ownEnd, OptionalInt narrationStart, int fps) {
        List<List<String>> pages = scene.pages();
        if (pages.isEmpty()) {
            return List.of();
        }
        int frames = ownEnd - ownStart;
        int speechStart = narrationStart.orElse(ownStart);
        int speechFrames = scene.voiceSeconds() > 0 ? (int) Math.round(scene.voiceSeconds() * fps) : 0;
        // Each page is due when the voice reaches its first word (or, silent, its share of the scene by characters).
        double[] wanted = new double[pages.size()];
        double[] floors = new double[pages.size()];
        double floor = Math.min(MIN_CUE_SECONDS * fps, frames / (double) pages.size());
        double before = 0;
        double previous = 0;
        double totalSpoken = pages.stream().mapToDouble(SpokenWeight::of).sum();
        for (int p = 0; p < pages.size(); p++) {
            before += speechFrames > 0 ? SpokenWeight.of(pages.get(p)) : characters(pages.get(p));
            double boundary = p == pages.size() - 1 ? frames : speechFrames > 0
                    ? Math.clamp(speechStart - ownStart + speechFrames * before / totalSpoken, 0, frames)
                    : frames * before / totalCharacters(pages);
            wanted[p] = Math.max(0, boundary - previous);
            previous = Math.max(previous, boundary);
            floors[p] = floor;
        }
        double[] lengths = fableforge.story.SceneShares.fit(wanted, floors, frames);
        List<Cue> cues = new ArrayList<>();
        double done = 0;
        double spoken = 0;
        int start = ownStart;
        for (int p = 0; p < pages.size(); p++) {
            done += lengths[p];
            int end = p == pages.size() - 1 ? ownEnd : ownStart + (int) Math.round(done);
            List<Integer> words;
            if (speechFrames > 0) {
                // The voice's time is spread by syllables and pauses: what a speaker spends time on, unlike letters.
                int from = speechStart + (int) Math.round(speechFrames * spoken / totalSpoken);
                spoken += SpokenWeight.of(pages.get(p));
                int to = speechStart + (int) Math.round(speechFrames * spoken / totalSpoken);
                words = spokenWordStarts(pages.get(p), Math.max(start, Math.min(from, end - 1)), Math.max(start + 1, Math.min(to, end)));
            } else {
                words = wordStarts(pages.get(p), start, end);
            }
            cues.add(new Cue(scene.sceneNumber(), start, end, pages.get(p), words, scene.placement()));
            start = end;
        }
        return cues;
    }

    /** The frame each word of {@code lines} starts, spreading {@code from}..{@code to} by the words' characters. */
    static List<Integer> wordStarts(List<String> lines, int from, int to) {
        List<String> words = lines.stream().flatMap(line -> java.util.Arrays.stream(line.strip().split("\\s+"))).toList();
        double total = words.stream().mapToInt(word -> word.length() + 1).sum();
        List<Integer> starts = new ArrayList<>();
        double done = 0;
        for (String word : words) {
            starts.add(from + (int) Math.floor((to - from) * done / total));
            done += word.length() + 1;
        }
        return starts;
    }

    /** The frame each word of {@code lines} starts, spreading {@code from}..{@code to} (the voice's time) by {@link SpokenWeight}. */
    static List<Integer> spokenWordStarts(List<String> lines, int from, int to) {
        List<String> words = SpokenWeight.words(lines);
        double total = words.stream().mapToDouble(SpokenWeight::of).sum();
        List<Integer> starts = new ArrayList<>();
        double done = 0;
        for (String word : words) {
            starts.add(from + (int) Math.floor((to - from) * done / total));
            done += SpokenWeight.of(word);
        }
        return starts;
    }

    private static int totalCharacters(List<List<String>> pages) {
        return pages.stream().mapToInt(Timeline::characters).sum();
    }

    private static int characters(List<String> lines) {
        return Math.max(1, lines.stream().mapToInt(String::length).sum());
    }

    public int totalFrames() {
        return slots.isEmpty() ? 0 : slots.getLast().ownEnd();
    }

    public double seconds() {
        return totalFrames() / (double) fps;
    }

    public List<Cue> cues() {
        return slots.stream().flatMap(slot -> slot.cues().stream()).toList();
    }

    public double secondsAt(int frame) {
        return frame / (double) fps;
    }
}
