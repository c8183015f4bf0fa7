package fableforge.video;

/** The part of a source picture shown in one frame, in source pixels; fractional on purpose (sub-pixel motion). */
public record Crop(double x, double y, double width, double height) {

    /** The rectangle {@code t} of the way from {@code from} to {@code to} (each edge moves in a straight line). */
    static Crop between(Crop from, Crop to, double t) {
        return new Crop(lerp(from.x, to.x, t), lerp(from.y, to.y, t), lerp(from.width, to.width, t), lerp(from.height, to.height, t));
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    double centerX() {
        return x + width / 2;
    }

    double centerY() {
        return y + height / 2;
    }
}
