package fableforge.studio;

import fableforge.failure.UserFacingException;
import fableforge.store.SceneRow;
import fableforge.story.AspectRatio;
import fableforge.story.Beat;
import fableforge.story.NarrationLine;
import fableforge.text.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stories' narration lines on the web: each stored scene's line, or one derived from its text for a
 * story written before lines were (read time), and the user's edited lines checked on approval.
 */
public final class NarrationLines {

    /** A line is read in a few seconds; a paragraph would be cut to its share of the video anyway. */
    static final int MAX_CHARS = 400;

    private NarrationLines() {
    }

    /** Each scene's line in scene order: the stored one, else derived from its text for the story's shape. */
    public static List<String> of(List<SceneRow> scenes, AspectRatio aspect) {
        return scenes.stream().map(row -> of(row, aspect)).toList();
    }

    static String of(SceneRow row, AspectRatio aspect) {
        return row.narration() != null && !row.narration().isBlank() ? row.narration()
                : NarrationLine.derive(row.number(), row.text(), aspect);
    }

    /**
     * The lines an approval saves: the edited ones when sent (20, none empty, plain text, at most
     * {@value #MAX_CHARS} characters each), else each scene's stored line, else one derived from its
     * (maybe edited) text.
     */
    static List<String> approved(Optional<List<String>> edited, List<SceneRow> stored, List<String> texts, AspectRatio aspect) {
        if (edited.isPresent()) {
            check(edited.get());
            return edited.get().stream().map(String::strip).toList();
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            SceneRow row = stored.get(i);
            boolean sameText = row.text().equals(texts.get(i).strip());
            lines.add(row.narration() != null && sameText ? row.narration() : NarrationLine.derive(i + 1, texts.get(i).strip(), aspect));
        }
        return lines;
    }

    static void check(List<String> lines) {
        if (lines.size() != Beat.TOTAL_SCENES) {
            throw bad("narration must hold exactly 20 lines, one per scene, got " + lines.size());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null || line.isBlank()) {
                throw bad("narration line " + (i + 1) + " is empty; write what the narrator says over scene " + (i + 1));
            }
            Optional<String> unsafe = SafeText.problem("narration line " + (i + 1), line, SafeText.Lines.SINGLE);
            if (unsafe.isPresent()) {
                throw bad(unsafe.get());
            }
            if (line.length() > MAX_CHARS) {
                throw bad("narration line " + (i + 1) + " is " + line.length() + " characters; keep it under " + MAX_CHARS
                        + " (it is read in the scene's few seconds)");
            }
        }
    }

    private static UserFacingException bad(String message) {
        return new UserFacingException(UserFacingException.Kind.BAD_REQUEST, message);
    }
}
