package fableforge.video;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/**
 * One caption page drawn once, with Java2D, into a small transparent image: white bold text with a
 * dark outline on a translucent dark band, centred, its bottom on the safe area's lower edge (or, placed
 * at the top, its top on the safe area's upper edge: see {@link CaptionPlacement}). Laying
 * it over a frame is then a cheap alpha blend of the band's pixels only.
 */
final class CaptionOverlay {

    private static final Color BAND = new Color(0, 0, 0, 140);
    private static final Color OUTLINE = new Color(0, 0, 0, 220);
    /** The spoken word's colour in the words style: the warm yellow short-video captions use. */
    static final Color HIGHLIGHT = new Color(255, 214, 10);

    private final int left;
    private final int top;
    private final int width;
    private final int height;
    private final int[] argb;

    private CaptionOverlay(int left, int top, int width, int height, int[] argb) {
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        this.argb = argb;
    }

    /** Draws {@code lines} for a frame of {@code size}, laid out as {@code layout} measured them. */
    static CaptionOverlay draw(List<String> lines, CaptionLayout layout, FrameSize size) {
        return draw(lines, layout, size, -1);
    }

    /**
     * Draws {@code lines} with word number {@code highlighted} (counted across the lines, from 0; -1 for
     * none) in the highlight colour: the {@code words} style, one overlay per word spoken.
     */
    static CaptionOverlay draw(List<String> lines, CaptionLayout layout, FrameSize size, int highlighted) {
        return draw(lines, layout, size, highlighted, CaptionPlacement.BOTTOM);
    }

    /** {@code cue}'s page with word {@code highlighted} (-1: none), where its scene's captions are placed. */
    static CaptionOverlay draw(Timeline.Cue cue, CaptionLayout layout, FrameSize size, int highlighted) {
        return draw(cue.lines(), layout, size, highlighted, cue.placement());
    }

    static CaptionOverlay draw(List<String> lines, CaptionLayout layout, FrameSize size, int highlighted, CaptionPlacement placement) {
        double scale = size.width() / (double) layout.reference().width();
        Font font = layout.font();
        float fontSize = font.getSize2D();
        double padding = CaptionLayout.padding(fontSize);
        double lineHeight = CaptionLayout.lineHeight(fontSize);
        double textWidth = lines.stream().mapToDouble(layout::width).max().orElse(0);
        double bandWidth = textWidth + 2 * padding;
        double bandHeight = CaptionLayout.bandHeight(fontSize, lines.size());
        FrameSize reference = layout.reference();
        double bandLeft = (reference.width() - bandWidth) / 2;
        double bandTop = CaptionLayout.bandTop(reference, bandHeight, placement);

        int x = (int) Math.floor(bandLeft * scale);
        int y = (int) Math.floor(bandTop * scale);
        int w = Math.min(size.width() - x, (int) Math.ceil((bandLeft + bandWidth) * scale) - x + 1);
        int h = Math.min(size.height() - y, (int) Math.ceil((bandTop + bandHeight) * scale) - y + 1);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.translate(-x, -y);
        g.scale(scale, scale);
        g.setColor(BAND);
        g.fill(new RoundRectangle2D.Double(bandLeft, bandTop, bandWidth, bandHeight, fontSize * 0.7, fontSize * 0.7));
        FontRenderContext context = g.getFontRenderContext();
        g.setStroke(new BasicStroke(fontSize * 0.14f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double baseline = bandTop + padding + fontSize * 0.95;
        int firstWord = 0;
        for (String line : lines) {
            TextLayout text = new TextLayout(line, font, context);
            double lineLeft = (reference.width() - text.getAdvance()) / 2;
            Shape outline = text.getOutline(AffineTransform.getTranslateInstance(lineLeft, baseline));
            g.setColor(OUTLINE);
            g.draw(outline);
            g.setColor(Color.WHITE);
            g.fill(outline);
            String[] words = line.split(" ");
            if (highlighted >= firstWord && highlighted < firstWord + words.length) {
                int index = highlighted - firstWord;
                String before = String.join(" ", java.util.Arrays.copyOfRange(words, 0, index));
                double wordLeft = lineLeft + (index == 0 ? 0 : new TextLayout(before + " ", font, context).getAdvance());
                g.setColor(HIGHLIGHT);
                g.fill(new TextLayout(words[index], font, context).getOutline(AffineTransform.getTranslateInstance(wordLeft, baseline)));
            }
            firstWord += words.length;
            baseline += lineHeight;
        }
        g.dispose();
        return new CaptionOverlay(x, y, w, h, ((DataBufferInt) image.getRaster().getDataBuffer()).getData());
    }

    /**
     * Blends the caption over a BGR {@code frame} at {@code opacity} (0 invisible, 1 as drawn): the plain
     * alpha blend that {@link CaptionPlanes} does in YUV, kept as the reference the tests compare it with.
     */
    void drawOnto(VideoFrame frame, double opacity) {
        int strength = (int) Math.round(Math.clamp(opacity, 0, 1) * 256);
        if (strength == 0) {
            return;
        }
        byte[] pixels = frame.pixels();
        int stride = frame.width() * 3;
        for (int row = 0; row < height; row++) {
            int out = (top + row) * stride + left * 3;
            int in = row * width;
            for (int col = 0; col < width; col++, in++, out += 3) {
                int pixel = argb[in];
                int alpha = ((pixel >>> 24) * strength) >> 8;
                if (alpha == 0) {
                    continue;
                }
                pixels[out] = mix(pixels[out], pixel & 0xff, alpha);
                pixels[out + 1] = mix(pixels[out + 1], (pixel >> 8) & 0xff, alpha);
                pixels[out + 2] = mix(pixels[out + 2], (pixel >> 16) & 0xff, alpha);
            }
        }
    }

    private static byte mix(byte under, int over, int alpha) {
        int base = under & 0xff;
        return (byte) (base + ((over - base) * alpha + 127) / 255);
    }

    /** The overlay's colour and alpha (ARGB, not premultiplied) at frame pixel ({@code x}, {@code y}); 0 outside it. */
    int pixel(int x, int y) {
        int col = x - left;
        int row = y - top;
        return col < 0 || row < 0 || col >= width || row >= height ? 0 : argb[row * width + col];
    }

    int top() {
        return top;
    }

    int bottom() {
        return top + height;
    }

    int left() {
        return left;
    }

    int right() {
        return left + width;
    }
}
