package fableforge.settings;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads settings by name and collects every problem instead of stopping at the first, so start-up can
 * name them all at once. Each settings record reads its own variables through one of these.
 */
public final class SettingsReader {
    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    public SettingsReader(Map<String, String> values) {
        this.values = values;
    }

    public String text(String name, String fallback) {
        return text(name).orElse(fallback);
    }

    /** One of {@code allowed} (case-insensitive, returned lower-case), or empty when unset. */
    public Optional<String> choice(String name, List<String> allowed) {
        Optional<String> text = text(name).map(String::toLowerCase);
        if (text.isPresent() && !allowed.contains(text.get())) {
            problems.add(name + "=" + text.get() + ": must be one of " + String.join(", ", allowed));
            return Optional.empty();
        }
        return text;
    }

    public Optional<Double> optionalDecimal(String name, double min, double max) {
        return text(name).isEmpty() ? Optional.empty() : Optional.of(decimal(name, min, min, max));
    }

    public void problem(String message) {
        problems.add(message);
    }

    public Optional<String> text(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public int integer(String name, int fallback, int min, int max) {
        return optionalInt(name, min, max).orElse(fallback);
    }

    public Optional<Integer> optionalInt(String name, int min, int max) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                problems.add(name + "=" + text.get() + ": must be between " + min + " and " + max);
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            problems.add(name + "=" + text.get() + ": must be a whole number");
            return Optional.empty();
        }
    }

    public double decimal(String name, double fallback, double min, double max) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.get());
            if (!(value >= min && value <= max)) {
                problems.add(name + "=" + text.get() + ": must be between " + min + " and " + max);
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + "=" + text.get() + ": must be a number such as 0.2");
            return fallback;
        }
    }

    /** A comma-separated list, each entry trimmed, empty entries dropped. */
    public List<String> words(String name) {
        return text(name).map(list -> java.util.Arrays.stream(list.split(",")).map(String::strip)
                .filter(word -> !word.isEmpty()).toList()).orElse(List.of());
    }

    public boolean bool(String name) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return false;
        }
        return switch (text.get().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                problems.add(name + "=" + text.get() + ": must be true or false");
                yield false;
            }
        };
    }

    /** Every problem found so far, one line each: a non-empty list stops start-up. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * An http(s) URL (a trailing slash dropped unless {@code fallback} has one), or {@code fallback} after
     * reporting the bad value.
     */
    public URI url(String name, String fallback) {
        String value = text(name, fallback);
        try {
            URI uri = URI.create(value.endsWith("/") && !fallback.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problem(name + "=" + value + ": must be an http(s) URL such as " + fallback);
            return URI.create(fallback.startsWith("http") ? fallback : "http://invalid");
        }
    }
}
