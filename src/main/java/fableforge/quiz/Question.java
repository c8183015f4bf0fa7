package fableforge.quiz;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One question of the quiz definition. The same definition is served to the web UI and used by the
 * validator, so what the form shows and what the server accepts never disagree.
 *
 * @param type       "choice" (pick one of {@code choices}, or free text when {@code allowOther}) or "text"
 * @param showWhen   the question is shown only when, for every key here, the answer is one of the listed values
 * @param maxLength  longest accepted answer in characters; 0 means the validator's general limit
 */
public record Question(
        String key,
        String label,
        String type,
        boolean required,
        boolean allowOther,
        int maxLength,
        List<Choice> choices,
        Map<String, List<String>> showWhen,
        @JsonProperty("default") String defaultValue,
        String help) {

    public record Choice(String value, String label) {
    }

    public Question {
        choices = choices == null ? List.of() : List.copyOf(choices);
        showWhen = showWhen == null ? Map.of() : Map.copyOf(showWhen);
    }

    public boolean isChoice() {
        return "choice".equals(type);
    }

    /** The canonical choice value matching an answer by value or by label, ignoring case. */
    public Optional<String> matchChoice(String answer) {
        String wanted = answer.strip();
        return choices.stream()
                .filter(choice -> choice.value().equalsIgnoreCase(wanted) || choice.label().equalsIgnoreCase(wanted))
                .map(Choice::value)
                .findFirst();
    }

    /** Whether this question is shown given the (canonical) answers to the questions it depends on. */
    public boolean isShown(Map<String, String> answers) {
        return showWhen.entrySet().stream().allMatch(condition -> {
            String answer = answers.get(condition.getKey());
            return answer != null && condition.getValue().contains(answer);
        });
    }
}
