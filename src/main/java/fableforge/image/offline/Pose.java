package fableforge.image.offline;

/**
 * How the hero holds itself in a frame; each value is 0..1 except headDrop, which runs from -1 (head
 * up, proud) to 1 (head hung low).
 *
 * @param headDrop   how far the head hangs
 * @param crouch     how far the legs fold
 * @param stride     how far apart the legs swing (0 standing, 1 mid-gallop)
 * @param rear       how far the front lifts (upright, heroic)
 * @param tailLift   -1 tucked down, 1 raised high
 * @param wingsOpen  for birds: wings spread
 * @param sleepyEyes half-closed eyes for sad beats
 */
record Pose(double headDrop, double crouch, double stride, double rear, double tailLift, boolean wingsOpen,
            boolean sleepyEyes) {
}
