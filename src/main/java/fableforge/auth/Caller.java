package fableforge.auth;

import java.util.Objects;

/**
 * Who is asking: the signed-in user of a request, or {@link #OPEN} when the service runs without
 * accounts ({@code AUTH_MODE=open}, or the loopback default), where every caller may see every story.
 *
 * @param userId the user's stable id, the owner written on the stories they create
 * @param name   the user's name, for lists and logs
 * @param admin  whether the caller sees every story and the health details
 */
public record Caller(String userId, String name, boolean admin) {

    /** The one caller of a service without accounts. */
    public static final Caller OPEN = new Caller("open", "open", true);

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
    }

    /** Whether this caller may see and change a story owned by {@code ownerId} (null: made without accounts). */
    public boolean mayAccess(String ownerId) {
        return admin || userId.equals(ownerId);
    }

    /** The owner written on a story this caller creates: none without accounts. */
    public String ownerOfNewStory() {
        return this == OPEN ? null : userId;
    }
}
