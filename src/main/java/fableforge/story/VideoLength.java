package fableforge.story;

/**
 * A video's length in seconds, chosen by the user or defaulted by the frame's shape: Shorts, Reels and
 * TikTok (9:16) and square posts run about a minute; a landscape video may take two.
 */
public final class VideoLength {

    public static final int MIN_SECONDS = 15;
    public static final int MAX_SECONDS = 600;

    private VideoLength() {
    }

    public static int defaultSeconds(AspectRatio aspect) {
        return aspect == AspectRatio.LANDSCAPE ? 120 : 60;
    }

    public static boolean allowed(int seconds) {
        return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
    }

    /** What to fix, for an answer or an error line, naming the field or option the value came from. */
    public static String rule(String field) {
        return field + " must be a whole number of seconds from " + MIN_SECONDS + " to " + MAX_SECONDS;
    }
}
