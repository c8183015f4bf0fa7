package fableforge.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.text.SafeText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks quiz answers against the {@link QuizDefinition} and returns every problem at once, per field.
 * Unknown keys and answers to follow-up questions that are not shown are ignored with a warning rather
 * than rejected, so a quiz written for a newer or older definition still works.
 */
public final class QuizValidator {

    /** Longest free-text answer accepted when a question does not set its own limit. */
    static final int DEFAULT_MAX_LENGTH = 200;

    private final QuizDefinition definition;

    public QuizValidator(QuizDefinition definition) {
        this.definition = definition;
    }

    public ValidatedQuiz validate(JsonNode document) throws InvalidQuizException {
        if (document == null || !document.isObject()) {
            throw new InvalidQuizException(List.of(new FieldError("quiz",
                    "must be a JSON object of answers, like {\"animal\": \"fox\", \"setting\": \"forest\", \"visual_style\": \"watercolor\"}")));
        }
        JsonNode answersNode = document.size() == 1 && document.path("answers").isObject() ? document.get("answers") : document;

        List<FieldError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> raw = readTextValues(answersNode, errors, warnings);
        Map<String, String> accepted = new LinkedHashMap<>();
        for (Question question : definition.questions()) {
            String answer = raw.get(question.key());
            if (!question.isShown(accepted)) {
                if (answer != null) {
                    warnings.add(question.key() + ": ignored, it only applies when " + describe(question.showWhen()));
                }
                continue;
            }
            if (errors.stream().anyMatch(error -> error.field().equals(question.key()))) {
                continue;
            }
            checkAnswer(question, answer, errors).ifPresent(value -> accepted.put(question.key(), value));
        }
        if (!errors.isEmpty()) {
            throw new InvalidQuizException(errors);
        }
        return new ValidatedQuiz(new QuizAnswers(accepted), List.copyOf(warnings));
    }

    private Map<String, String> readTextValues(JsonNode answers, List<FieldError> errors, List<String> warnings) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = answers.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (definition.question(key).isEmpty()) {
                warnings.add(key + ": not a question of this quiz, ignored (known: "
                        + definition.questions().stream().map(Question::key).collect(Collectors.joining(", ")) + ")");
            } else if (value.isTextual()) {
                values.put(key, value.asText());
            } else if (!value.isNull()) {
                errors.add(new FieldError(key, "must be text, got " + value.getNodeType().name().toLowerCase()));
            }
        }
        return values;
    }

    private Optional<String> checkAnswer(Question question, String answer, List<FieldError> errors) {
        String key = question.key();
        if (answer == null || answer.isBlank()) {
            if (question.required()) {
                errors.add(new FieldError(key, "is required: " + question.label() + hint(question)));
            }
            return Optional.ofNullable(question.defaultValue());
        }
        String text = answer.strip().replaceAll("\\s+", " ");
        if (question.isChoice()) {
            var choice = question.matchChoice(text);
            if (choice.isPresent()) {
                return choice;
            }
            if (!question.allowOther()) {
                errors.add(new FieldError(key, "'" + abbreviate(text) + "' is not one of the choices" + hint(question)));
                return Optional.empty();
            }
        }
        return checkFreeText(question, text, errors);
    }

    private Optional<String> checkFreeText(Question question, String text, List<FieldError> errors) {
        int maxLength = question.maxLength() > 0 ? question.maxLength() : DEFAULT_MAX_LENGTH;
        if (text.length() > maxLength) {
            errors.add(new FieldError(question.key(), "is " + text.length() + " characters long; keep it to " + maxLength));
        } else if (text.codePoints().noneMatch(Character::isLetter)) {
            errors.add(new FieldError(question.key(), "must contain words, got '" + abbreviate(text) + "'"));
        } else if (SafeText.problem(text, SafeText.Lines.SINGLE).isPresent()) {
            errors.add(new FieldError(question.key(), SafeText.problem(text, SafeText.Lines.SINGLE).get()));
        } else if (text.codePoints().anyMatch(c -> c == '<' || c == '>' || c == '{' || c == '}')) {
            errors.add(new FieldError(question.key(), "must not contain any of < > { }"));
        } else {
            return Optional.of(text);
        }
        return Optional.empty();
    }

    private static String hint(Question question) {
        if (!question.isChoice()) {
            return "";
        }
        String choices = question.choices().stream().map(Question.Choice::value).collect(Collectors.joining(", "));
        return question.allowOther() ? " (for example: " + choices + ")" : " (one of: " + choices + ")";
    }

    private static String describe(Map<String, List<String>> showWhen) {
        return showWhen.entrySet().stream()
                .map(condition -> condition.getKey() + " is " + String.join(" or ", condition.getValue()))
                .collect(Collectors.joining(" and "));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
