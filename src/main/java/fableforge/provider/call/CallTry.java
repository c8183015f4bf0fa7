package fableforge.provider.call;

import fableforge.provider.ProviderError;
import java.util.ArrayList;
import java.util.List;

/**
 * Which try of a provider call this is, and how the tries before it failed: what a call needs to try
 * differently (a shortened prompt after refusals, a new task id per try).
 *
 * @param number   1 for the first try
 * @param failures the errors of the earlier tries, oldest first
 */
public record CallTry(int number, List<ProviderError> failures) {

    public static final CallTry FIRST = new CallTry(1, List.of());

    public CallTry {
        if (number < 1) {
            throw new IllegalArgumentException("tries count from 1, was " + number);
        }
        failures = List.copyOf(failures);
    }

    /** The try after this one failed with {@code error}. */
    public CallTry next(ProviderError error) {
        List<ProviderError> more = new ArrayList<>(failures);
        more.add(error);
        return new CallTry(number + 1, more);
    }

    /** How many earlier tries failed with an error of {@code kind}. */
    public int count(Class<? extends ProviderError> kind) {
        return (int) failures.stream().filter(kind::isInstance).count();
    }
}
