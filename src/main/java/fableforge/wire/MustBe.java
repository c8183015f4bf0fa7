package fableforge.wire;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a request field must be, in the words a 400 answer uses when it is not ("draft must be true or
 * false"); {@code each} is the whole message for a wrong element of an array field.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface MustBe {

    String value();

    String each() default "";
}
