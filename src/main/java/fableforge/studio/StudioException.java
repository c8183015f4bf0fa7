package fableforge.studio;

/** A request the studio cannot carry out, with what to fix; the web layer maps the kind to a 4xx. */
public final class StudioException extends RuntimeException {

    public enum Kind {
        NOT_FOUND, CONFLICT, BAD_REQUEST,
        /** The daily spend limit refuses new paid work. */
        SPEND_LIMIT,
        /** An upload over its size limit. */
        TOO_LARGE,
        /** An upload that is not of a kind the endpoint takes. */
        UNSUPPORTED_MEDIA
    }

    private final Kind kind;

    public StudioException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
