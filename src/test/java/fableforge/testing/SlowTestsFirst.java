package fableforge.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Hands the {@link SlowTest} classes to the parallel executor first, the rest in their usual order.
 * A long class started last would run alone at the end; started first, the short classes fill the
 * other threads around it.
 */
public final class SlowTestsFirst implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor descriptor) -> !descriptor.isAnnotated(SlowTest.class)));
    }
}
