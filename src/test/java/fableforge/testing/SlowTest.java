package fableforge.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that takes seconds to minutes, not milliseconds: a browser, a second JVM, a video
 * render or a benchmark. Tagged {@value #TAG}, so {@code mvn test -DexcludedGroups=slow} leaves it out,
 * and started before the fast classes ({@link SlowTestsFirst}) so it overlaps them instead of running
 * alone at the end of the suite.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(SlowTest.TAG)
public @interface SlowTest {

    String TAG = "slow";
}
