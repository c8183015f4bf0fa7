package fableforge.telegram;

import fableforge.review.RejectReason;
import fableforge.story.Beat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a button says when pressed: approve or reject (with a reason) one version of one scene of one
 * story, carried in the button's {@code callback_data} (1-64 bytes, https://core.telegram.org/bots/api#inlinekeyboardbutton).
 * Story ids are 32 hex characters, so {@code r:composition:<id>:20:99999} is at most 55 bytes and no
 * table of tokens is needed; the length is checked anyway when a button is made.
 *
 * @param reason empty for a plain reject (and for approve)
 */
public record Press(boolean approve, Optional<RejectReason> reason, String storyId, int scene, int attempt) {

    static final int MAX_BYTES = 64;
    private static final Pattern FORMAT = Pattern.compile("(a|r|r:[a-z]{1,20}):([0-9a-f]{32}):([0-9]{1,2}):([0-9]{1,6})");

    public static Press approve(String storyId, int scene, int attempt) {
        return new Press(true, Optional.empty(), storyId, scene, attempt);
    }

    public static Press reject(String storyId, int scene, int attempt, Optional<RejectReason> reason) {
        return new Press(false, reason, storyId, scene, attempt);
    }

    /** The button's callback_data. */
    public String data() {
        String action = approve ? "a" : reason.map(why -> "r:" + why.id()).orElse("r");
        String data = action + ":" + storyId + ":" + scene + ":" + attempt;
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("callback_data over " + MAX_BYTES + " bytes: " + data);
        }
        return data;
    }

    /** The press a button's data describes, or empty for data we did not make (an old or forged button). */
    public static Optional<Press> parse(String data) {
        if (data == null || data.length() > MAX_BYTES) {
            return Optional.empty();
        }
        Matcher match = FORMAT.matcher(data);
        if (!match.matches()) {
            return Optional.empty();
        }
        String action = match.group(1);
        int scene = Integer.parseInt(match.group(3));
        int attempt = Integer.parseInt(match.group(4));
        if (scene < 1 || scene > Beat.TOTAL_SCENES || attempt < 1) {
            return Optional.empty();
        }
        if (action.equals("a")) {
            return Optional.of(approve(match.group(2), scene, attempt));
        }
        if (action.equals("r")) {
            return Optional.of(reject(match.group(2), scene, attempt, Optional.empty()));
        }
        return RejectReason.fromId(action.substring(2)).map(reason -> reject(match.group(2), scene, attempt, Optional.of(reason)));
    }
}
