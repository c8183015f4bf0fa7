package fableforge.story;

/**
 * How the 20 scenes share a video's length: by the weight of their beat. The training montage moves
 * quickly; the transformation, the climax of the challenge (scenes 18 and 19) and the closing triumph hold
 * longer, so the story breathes where it matters.
 */
public final class SceneShares {

    private SceneShares() {
    }

    public static double weight(int sceneNumber) {
        if (sceneNumber == 18 || sceneNumber == 19) {
            return 1.5;
        }
        return switch (Beat.ofScene(sceneNumber)) {
            case UNDERDOG, SETBACK, POWER_DISPLAY, CHALLENGE -> 1.0;
            case DISCOVERY -> 1.1;
            case TRAINING -> 0.8;
            case TRANSFORMATION -> 1.2;
            case TRIUMPH -> 1.4;
        };
    }

    /** Each scene's seconds of a {@code total}-second video of all 20 scenes, by weight alone. */
    public static double[] seconds(double total) {
        double[] weights = new double[Beat.TOTAL_SCENES];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weight(i + 1);
        }
        return split(total, weights);
    }

    /** {@code total} split in proportion to {@code weights}. */
    public static double[] split(double total, double[] weights) {
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        double[] shares = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            shares[i] = total * weights[i] / sum;
        }
        return shares;
    }

    /**
     * Fits {@code wanted} lengths to {@code total} while keeping each at least its {@code floor}: every
     * length first rises to its floor, then the surplus above the floors is scaled so the sum is the
     * total. When the floors alone exceed the total, the floors are kept (the total cannot be met).
     */
    public static double[] fit(double[] wanted, double[] floors, double total) {
        double[] raised = new double[wanted.length];
        double sum = 0;
        double slack = 0;
        for (int i = 0; i < wanted.length; i++) {
            raised[i] = Math.max(wanted[i], floors[i]);
            sum += raised[i];
            slack += raised[i] - floors[i];
        }
        double excess = sum - total;
        double[] fitted = new double[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            if (excess >= slack) {
                fitted[i] = floors[i];
            } else if (excess > 0) {
                fitted[i] = raised[i] - (raised[i] - floors[i]) * excess / slack;
            } else {
                // Short of the total: the room left is shared like the lengths themselves.
                fitted[i] = raised[i] - excess * raised[i] / sum;
            }
        }
        return fitted;
    }
}
