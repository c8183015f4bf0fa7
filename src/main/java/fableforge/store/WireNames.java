package fableforge.store;

import java.util.Arrays;
import java.util.function.Function;

/** The one lookup of a status enum by the name it is stored and sent under. */
final class WireNames {

    private WireNames() {
    }

    /** The constant of {@code type} named {@code wire}; a name no constant has means a broken row, not user input. */
    static <E extends Enum<E>> E find(Class<E> type, Function<E, String> name, String wire, String kind) {
        return Arrays.stream(type.getEnumConstants()).filter(status -> name.apply(status).equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown " + kind + " status '" + wire + "'"));
    }
}
