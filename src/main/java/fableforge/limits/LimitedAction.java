package fableforge.limits;

/** The paid or heavy requests each user may make only so often (issue 13: per-user rate limits). */
public enum LimitedAction {
    SUBMIT("submit", false),
    APPROVE_SCENES("approve_scenes", false),
    REDRAW("redraw", true),
    VIDEO("generate_video", false),
    UPLOAD("music_upload", false);

    private final String key;
    private final boolean redraw;

    LimitedAction(String key, boolean redraw) {
        this.key = key;
        this.redraw = redraw;
    }

    /** Part of the bucket's name: each action has its own budget per user. */
    String key() {
        return key;
    }

    /** Rejecting an image ({@code USER_REDRAW_RATE_PER_MIN}), rather than the other actions' {@code USER_RATE_PER_MIN}. */
    boolean redraw() {
        return redraw;
    }
}
