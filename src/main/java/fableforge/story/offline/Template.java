package fableforge.story.offline;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * One alternative wording with the story facts it needs, e.g. {@code [ally]} only fits a story
 * where the hero has a helper, {@code [!rival]} any story whose villain is not a rival; and what a scene
 * wording shows ({@code [#tears]}), so the scene's narration line can be told from the same picture
 * ({@code [shows:tears]} fits only after it).
 */
record Template(Set<String> conditions, Set<String> shows, String text) {

    boolean fits(Set<String> facts) {
        for (String condition : conditions) {
            boolean negated = condition.startsWith("!");
            boolean holds = facts.contains(negated ? condition.substring(1) : condition);
            if (holds == negated) {
                return false;
            }
        }
        return true;
    }

    /** The facts a scene written from this wording adds for its narration line: {@code shows:tears} for {@code [#tears]}. */
    Set<String> showsFacts() {
        return shows.stream().map(label -> "shows:" + label).collect(Collectors.toUnmodifiableSet());
    }
}
