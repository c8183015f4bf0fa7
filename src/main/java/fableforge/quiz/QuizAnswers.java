package fableforge.quiz;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Validated quiz answers keyed by snake_case question key; blank answers are absent. */
public record QuizAnswers(Map<String, String> values) {

    public QuizAnswers {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                copy.put(key, value.strip());
            }
        });
        values = Collections.unmodifiableMap(copy);
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("no answer for " + key);
        }
        return value;
    }

    public String getOrDefault(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}
