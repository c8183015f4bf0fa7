package fableforge.failure;

/**
 * A request that cannot be carried out, with a message written for the person who asked: what to fix
 * or wait for. The web answers it as {@code {"error": code, "message": ...}} with the kind's status;
 * the command line prints the message. Programming errors stay {@code IllegalStateException} and friends.
 */
public final class UserFacingException extends RuntimeException {

    public enum Kind {
        BAD_REQUEST(400),
        NOT_FOUND(404),
        CONFLICT(409),
        /** A spend cap refuses new paid work. */
        SPEND_LIMIT(402),
        /** An upload over its size limit. */
        TOO_LARGE(413),
        /** An upload that is not of a kind the endpoint takes. */
        UNSUPPORTED_MEDIA(415);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status of the answer. */
        public int status() {
            return status;
        }

        /** The answer's {@code error} code. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;

    public UserFacingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
