package fableforge.video;

/** How a camera move speeds up and slows down over its clip: t in [0, 1] to progress in [0, 1], monotone. */
public enum Easing {
    /** Starts and ends at rest: for calm drifts and slow pull-outs. */
    SINE_IN_OUT {
        @Override
        public double apply(double t) {
            return 0.5 - 0.5 * Math.cos(Math.PI * clamp(t));
        }
    },
    /**
     * Also starts and ends at rest, but gets going quickly (top speed a third of the way in) and
     * settles long: for push-ins and energetic beats. Its speed is 12·t·(1−t)², never negative.
     */
    SURGE {
        @Override
        public double apply(double t) {
            double x = clamp(t);
            return x * x * (6 - 8 * x + 3 * x * x);
        }
    },
    LINEAR {
        @Override
        public double apply(double t) {
            return clamp(t);
        }
    };

    public abstract double apply(double t);

    private static double clamp(double t) {
        return Math.clamp(t, 0.0, 1.0);
    }
}
