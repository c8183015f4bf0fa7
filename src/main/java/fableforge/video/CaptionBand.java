package fableforge.video;

/**
 * The rows the tallest caption page (two lines) takes at a placement, as shares of the frame's height
 * from its top; and so the rows a hero kept clear of it may use: above a bottom band, below a top one.
 * The band is taken as wide as the safe area (a page is often that wide), so clearing it is by rows.
 */
record CaptionBand(CaptionPlacement placement, double top, double bottom) {

    static CaptionBand of(FrameSize size, CaptionPlacement placement) {
        double height = CaptionLayout.bandHeight(CaptionLayout.fontSize(size), CaptionLayout.MAX_LINES);
        double top = CaptionLayout.bandTop(size, height, placement);
        return new CaptionBand(placement, top / size.height(), (top + height) / size.height());
    }

    /** The first row (share of the window's height) a hero clear of the band may use. */
    double clearFrom() {
        return placement == CaptionPlacement.TOP ? bottom : 0;
    }

    /** The last row a hero clear of the band may use. */
    double clearTo() {
        return placement == CaptionPlacement.BOTTOM ? top : 1;
    }
}
