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

    /** One caption page on screen from {@code startFrame} to {@code endFrame} (exclusive). */
    public record Cue(int sceneNumber, int startFrame, int endFrame, List<String> lines) {
        public Cue {
            lines = List.copyOf(lines);
        }

        public String text() {
            return String.join("\n", lines);
        }
    }

    /** What the timeline needs to know of one scene. */
    public record SceneTiming(int sceneNumber, double seconds, List<List<String>> pages, boolean narrated) {
    }

    public static Timeline build(List<SceneTiming> scenes, int fps, int crossfadeFrames, int narrationLeadFrames) {
        List<Slot> slots = new ArrayList<>();
        int cut = 0;
        for (int i = 0; i < scenes.size(); i++) {
            SceneTiming scene = scenes.get(i);
            int own = Math.max(crossfadeFrames + 1, (int) Math.round(scene.seconds() * fps));
            int ownStart = cut;
            int ownEnd = cut + own;
            int clipStart = i == 0 ? 0 : ownStart - crossfadeFrames / 2;
            int clipEnd = i == scenes.size() - 1 ? ownEnd : ownEnd - crossfadeFrames / 2 + crossfadeFrames;
            slots.add(new Slot(scene.sceneNumber(), clipStart, clipEnd - clipStart, ownStart, ownEnd,
                    cues(scene, ownStart, ownEnd),
                    scene.narrated() ? OptionalInt.of(ownStart + narrationLeadFrames) : OptionalInt.empty()));
            cut = ownEnd;
        }
        return new Timeline(fps, crossfadeFrames, slots);
    }

    /** The pages share the scene's own frames in proportion to their length in characters. */
    private static List<Cue> cues(SceneTiming scene, int ownStart, int ownEnd) {
        List<List<String>> pages = scene.pages();
        double total = pages.stream().mapToInt(Timeline::characters).sum();
        List<Cue> cues = new ArrayList<>();
        double done = 0;
        int start = ownStart;
        for (int p = 0; p < pages.size(); p++) {
            done += characters(pages.get(p));
            int end = p == pages.size() - 1 ? ownEnd : ownStart + (int) Math.round((ownEnd - ownStart) * done / total);
            cues.add(new Cue(scene.sceneNumber(), start, end, pages.get(p)));
            start = end;
        }
        return cues;
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
