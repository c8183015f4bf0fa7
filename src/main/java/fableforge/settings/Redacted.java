package fableforge.settings;

import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@code toString()} for settings records that hold secrets: the record's usual form
 * ({@code Name[a=1, b=2]}) with the named components shown as {@code [redacted]} when set. Settings end
 * up in logs and exception messages through string concatenation, where nobody remembers the key inside.
 */
public final class Redacted {

    private Redacted() {
    }

    public static String describe(Record settings, String... secretComponents) {
        Set<String> secret = Set.of(secretComponents);
        StringJoiner parts = new StringJoiner(", ", settings.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(settings);
            } catch (ReflectiveOperationException e) {
                value = "?";
            }
            parts.add(component.getName() + "=" + (secret.contains(component.getName()) ? mask(value) : value));
        }
        return parts.toString();
    }

    private static String mask(Object value) {
        if (value == null || value instanceof Optional<?> optional && optional.isEmpty()) {
            return "<unset>";
        }
        return "[redacted]";
    }
}
