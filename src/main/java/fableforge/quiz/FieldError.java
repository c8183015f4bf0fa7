package fableforge.quiz;

/** A problem with one answer: which field, and what to do about it. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
