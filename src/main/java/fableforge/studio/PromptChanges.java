package fableforge.studio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.prompt.WordDiff;
import java.util.List;
import java.util.Locale;

/**
 * The prompt an attempt asked for and, when the prompt finally sent differs (sanitized or shortened
 * after a refusal), the words that changed, for the story view and the image_ready event alike.
 */
public final class PromptChanges {

    private PromptChanges() {
    }

    /** Adds {@code requested_prompt} and, when the words differ, {@code prompt_changes} to {@code node}. */
    public static void describe(ObjectNode node, String requested, String sent) {
        node.put("requested_prompt", requested);
        if (requested == null || sent == null || requested.equals(sent)) {
            return;
        }
        List<WordDiff.Run> runs = WordDiff.between(requested, sent);
        if (!WordDiff.changed(runs)) {
            return;
        }
        ArrayNode changes = node.putArray("prompt_changes");
        runs.forEach(run -> changes.addObject().put("op", run.op().name().toLowerCase(Locale.ROOT)).put("text", run.text()));
    }
}
