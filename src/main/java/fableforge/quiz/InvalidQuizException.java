package fableforge.quiz;

import java.util.List;
import java.util.stream.Collectors;

/** The quiz answers were rejected; carries every field's problem at once. */
public class InvalidQuizException extends Exception {

    private final List<FieldError> errors;

    public InvalidQuizException(List<FieldError> errors) {
        super("invalid quiz answers: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
