package fableforge.web;

import fableforge.auth.Caller;
import java.util.function.BiPredicate;

/**
 * Who may read a stored file ({@code GET /media/<key>}). A story's files live under
 * {@code stories/<story_id>/}: whoever may see the story may read them. Music uploaded with accounts
 * lives under {@code music/<user_id>/}: only its owner. Anything else (music from before accounts)
 * only an admin. Without accounts everyone is {@link Caller#OPEN} and reads everything.
 */
final class MediaAccess {

    private final BiPredicate<Caller, String> storyVisible;

    MediaAccess(BiPredicate<Caller, String> storyVisible) {
        this.storyVisible = storyVisible;
    }

    boolean mayRead(Caller caller, String key) {
        if (caller == Caller.OPEN) {
            return true;
        }
        String[] parts = key.split("/", 3);
        if (parts.length == 3 && parts[0].equals("stories")) {
            return storyVisible.test(caller, parts[1]);
        }
        if (parts.length == 3 && parts[0].equals("music")) {
            return parts[1].equals(caller.userId());
        }
        return caller.admin();
    }
}
