package fableforge.prompt;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What changed between two versions of a prompt, word by word, so a user can see what sanitizing or
 * shortening did to theirs. Words are split at white space (a line break counts as a space) and
 * compared exactly, punctuation included; consecutive words with the same fate form one run. Runs
 * carry their whole text: abbreviating long unchanged stretches is the view's choice.
 */
public final class WordDiff {

    public enum Op { SAME, REMOVED, ADDED }

    public record Run(Op op, String text) {
    }

    private WordDiff() {
    }

    /** The runs that turn {@code before} into {@code after}: SAME and REMOVED runs read as before, SAME and ADDED as after. */
    public static List<Run> between(String before, String after) {
        List<String> from = words(before);
        List<String> to = words(after);
        List<Run> runs = new ArrayList<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(from, to, true).getDeltas()) {
            switch (delta.getType()) {
                case EQUAL -> add(runs, Op.SAME, delta.getSource().getLines());
                case DELETE -> add(runs, Op.REMOVED, delta.getSource().getLines());
                case INSERT -> add(runs, Op.ADDED, delta.getTarget().getLines());
                case CHANGE -> {
                    add(runs, Op.REMOVED, delta.getSource().getLines());
                    add(runs, Op.ADDED, delta.getTarget().getLines());
                }
            }
        }
        return runs;
    }

    /** True when the two texts differ in their words, not only in spacing. */
    public static boolean changed(List<Run> runs) {
        return runs.stream().anyMatch(run -> run.op() != Op.SAME);
    }

    private static void add(List<Run> runs, Op op, List<String> words) {
        if (words.isEmpty()) {
            return;
        }
        String text = String.join(" ", words);
        int last = runs.size() - 1;
        if (last >= 0 && runs.get(last).op() == op) {
            runs.set(last, new Run(op, runs.get(last).text() + " " + text));
        } else {
            runs.add(new Run(op, text));
        }
    }

    private static List<String> words(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }
}
