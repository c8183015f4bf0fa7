package fableforge.story.offline;

import java.util.Set;

/**
 * One alternative wording with the story facts it needs, e.g. {@code [ally]} only fits a story
 * where the hero has a helper, {@code [!rival]} any story whose villain is not a rival.
 */
record Template(Set<String> conditions, String text) {

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
}
