package fableforge.studio;

import fableforge.prompt.WordDiff;
import fableforge.wire.StoryDocument.PromptChange;
import java.util.List;
import java.util.Locale;

/**
 * When the prompt finally sent differs from the one an attempt asked for (sanitized or shortened after
 * a refusal), the words that changed, for the story view and the image_ready event alike.
 */
public final class PromptChanges {

    private PromptChanges() {
    }

    /** The runs of words from {@code requested} to {@code sent}, or null when the words are the same (the field is then left out). */
    public static List<PromptChange> between(String requested, String sent) {
        if (requested == null || sent == null || requested.equals(sent)) {
            return null;
        }
        List<WordDiff.Run> runs = WordDiff.between(requested, sent);
        if (!WordDiff.changed(runs)) {
            return null;
        }
        return runs.stream().map(run -> new PromptChange(run.op().name().toLowerCase(Locale.ROOT), run.text())).toList();
    }
}
