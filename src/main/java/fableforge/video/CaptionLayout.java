package fableforge.video;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a scene's text into caption pages: words wrapped to lines that fit the safe area at a font
 * size relative to the frame, at most {@link #MAX_LINES} lines a page. The layout is measured at the
 * story's full frame size whatever size is rendered, so a 480p draft shows the same pages at the same
 * times as the final video and its subtitles.
 */
public final class CaptionLayout {

    static final int MAX_LINES = 3;
    /** Caption text height as a share of the frame's short side: about 56 px on a 1080-wide frame. */
    static final double FONT_SHARE = 0.052;
    private static final FontRenderContext MEASURE = new FontRenderContext(new AffineTransform(), true, true);

    private final FrameSize reference;
    private final Font font;
    private final double maxLineWidth;

    public CaptionLayout(FrameSize reference) {
        this.reference = reference;
        this.font = captionFont(fontSize(reference));
        SafeArea safe = SafeArea.of(reference);
        this.maxLineWidth = safe.right(reference) - safe.left(reference) - 2 * padding(font.getSize2D());
    }

    static float fontSize(FrameSize size) {
        return (float) (Math.min(size.width(), size.height()) * FONT_SHARE);
    }

    /** Inner margin of the caption band around its text. */
    static double padding(double fontSize) {
        return fontSize * 0.45;
    }

    static Font captionFont(float size) {
        Font dejaVu = new Font("DejaVu Sans", Font.BOLD, 1);
        Font base = dejaVu.getFamily().equals("DejaVu Sans") ? dejaVu : new Font(Font.SANS_SERIF, Font.BOLD, 1);
        return base.deriveFont(size);
    }

    public FrameSize reference() {
        return reference;
    }

    Font font() {
        return font;
    }

    /** The text as pages of at most three lines, each line within the safe width. */
    public List<List<String>> pages(String text) {
        List<String> lines = wrap(text);
        List<List<String>> pages = new ArrayList<>();
        for (int start = 0; start < lines.size(); start += MAX_LINES) {
            pages.add(List.copyOf(lines.subList(start, Math.min(lines.size(), start + MAX_LINES))));
        }
        return pages;
    }

    List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (line.isEmpty() || width(candidate) <= maxLineWidth) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    double width(String text) {
        return font.getStringBounds(text, MEASURE).getWidth();
    }
}
