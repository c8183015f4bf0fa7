package fableforge.review;

import java.util.Arrays;
import java.util.Optional;

/** Why a user rejected an image, and the prompt fix each reason turns into. */
public enum RejectReason {
    COLOURS("colours", "Fix: the hero's colours and markings must match the main character description exactly."),
    CHARACTER("character", "Fix: draw exactly the same main character as described, same species, face, colours and markings."),
    STYLE("style", "Fix: follow the style line strictly; no other art style."),
    ANATOMY("anatomy", "Fix: correct animal anatomy, four legs (or two wings) in natural proportions, one head, one tail."),
    COMPOSITION("composition", "Fix: the hero clearly visible and centred, uncluttered background, nothing cut off at the edges."),
    OTHER("other", "");

    private final String id;
    private final String fixLine;

    RejectReason(String id, String fixLine) {
        this.id = id;
        this.fixLine = fixLine;
    }

    public String id() {
        return id;
    }

    public static Optional<RejectReason> fromId(String id) {
        return Arrays.stream(values()).filter(reason -> reason.id.equals(id)).findFirst();
    }

    /** The prompt with this reason's fix line added once. */
    public String fix(String prompt) {
        if (fixLine.isEmpty() || prompt.contains(fixLine)) {
            return prompt;
        }
        return prompt + "\n" + fixLine;
    }
}
