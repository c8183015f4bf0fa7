package fableforge.video;

/**
 * The part of the frame that short-video apps leave clear, as fractions of the frame. On 9:16 the
 * top tenth (search and tabs), the bottom fifth (caption, music, account name) and a right-hand
 * strip (like, comment, share buttons) are covered, so captions keep to the middle; the margins are
 * symmetric so a centred caption stays centred.
 */
public record SafeArea(double top, double bottom, double sides) {

    public static SafeArea of(FrameSize size) {
        if (size.height() > size.width()) {
            return new SafeArea(0.10, 0.20, 0.12);
        }
        if (size.height() == size.width()) {
            return new SafeArea(0.08, 0.14, 0.08);
        }
        return new SafeArea(0.06, 0.10, 0.06);
    }

    public double left(FrameSize size) {
        return size.width() * sides;
    }

    public double right(FrameSize size) {
        return size.width() * (1 - sides);
    }

    public double topEdge(FrameSize size) {
        return size.height() * top;
    }

    /** The lowest row a caption may use. */
    public double bottomEdge(FrameSize size) {
        return size.height() * (1 - bottom);
    }
}
