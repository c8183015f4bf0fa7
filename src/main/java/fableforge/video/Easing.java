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
    /** Gets going quickly and settles gently: for push-ins and energetic beats. */
    CUBIC_OUT {
        @Override
        public double apply(double t) {
            double u = 1 - clamp(t);
            return 1 - u * u * u;
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
