package fableforge.image.offline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The storyboard sheet around the picture: paper margin, a thin panel border, the scene number in the
 * corner and the caption written in a strip underneath, wrapped to two lines and ellipsized beyond.
 */
final class PanelFrame {

    private static final Color PAPER = ColourMath.rgb(0xf5f1e8);
    private static final Color INK = ColourMath.rgb(0x2a2622);
    private static final int CAPTION_LINES = 2;

    private final int width;
    private final int height;
    private final int margin;
    private final int captionHeight;

    PanelFrame(int width, int height) {
        this.width = width;
        this.height = height;
        int unit = Math.min(width, height);
        this.margin = Math.max(4, unit * 3 / 100);
        this.captionHeight = Math.max(24, unit * 12 / 100);
    }

    /** Where the picture goes. */
    Rectangle panel() {
        return new Rectangle(margin, margin, width - 2 * margin, height - 2 * margin - captionHeight);
    }

    /**
     * The panel without its border and without the band the scene label sits in: what a camera may
     * show of this sheet when the picture is animated.
     */
    Rectangle picture() {
        Rectangle panel = panel();
        int unit = Math.min(width, height);
        int border = (int) Math.ceil(Math.max(2f, unit / 300f)) + 1;
        int pad = Math.max(4, unit / 90);
        int labelBand = Math.max(10, unit * 32 / 1000) + 3 * pad + border;
        return new Rectangle(panel.x + border, panel.y + labelBand, panel.width - 2 * border, panel.height - labelBand - border);
    }

    void paintPaper(Graphics2D g) {
        g.setColor(PAPER);
        g.fillRect(0, 0, width, height);
    }

    void paintFrame(Graphics2D g, int sceneNumber, String caption) {
        Rectangle panel = panel();
        int unit = Math.min(width, height);
        g.setColor(INK);
        g.setStroke(new BasicStroke(Math.max(2f, unit / 300f)));
        g.drawRect(panel.x, panel.y, panel.width, panel.height);
        sceneLabel(g, panel, sceneNumber, unit);
        String text = caption == null ? "" : caption.strip();
        // Two lines hold far less than this; the cap keeps ellipsizing cheap for absurd input.
        caption(g, panel, text.length() > 240 ? text.substring(0, 240) : text, unit);
    }

    private void sceneLabel(Graphics2D g, Rectangle panel, int sceneNumber, int unit) {
        String label = "SCENE " + sceneNumber;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, unit * 32 / 1000)));
        FontMetrics metrics = g.getFontMetrics();
        int pad = Math.max(4, unit / 90);
        int w = metrics.stringWidth(label) + pad * 2;
        int h = metrics.getAscent() + pad * 2;
        int x = panel.x + pad;
        int y = panel.y + pad;
        g.setColor(ColourMath.alpha(PAPER, 0.9));
        g.fill(new RoundRectangle2D.Double(x, y, w, h, pad, pad));
        g.setColor(INK);
        g.setStroke(new BasicStroke(Math.max(1.5f, unit / 540f)));
        g.draw(new RoundRectangle2D.Double(x, y, w, h, pad, pad));
        g.drawString(label, x + pad, y + pad + metrics.getAscent() - metrics.getDescent() / 2);
    }

    private void caption(Graphics2D g, Rectangle panel, String caption, int unit) {
        if (caption.isEmpty()) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, unit * 36 / 1000)));
        FontMetrics metrics = g.getFontMetrics();
        int maxWidth = panel.width - margin;
        List<String> lines = wrap(caption, metrics, maxWidth);
        int lineHeight = metrics.getHeight();
        int top = panel.y + panel.height + (captionHeight - lineHeight * lines.size()) / 2;
        g.setColor(INK);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int x = panel.x + (panel.width - metrics.stringWidth(line)) / 2;
            g.drawString(line, x, top + i * lineHeight + metrics.getAscent());
        }
    }

    /** Greedy word wrap; the last line is cut with an ellipsis, and over-long words are cut too. */
    static List<String> wrap(String text, FontMetrics metrics, int maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String[] words = text.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String candidate = line.isEmpty() ? words[i] : line + " " + words[i];
            if (metrics.stringWidth(candidate) <= maxWidth || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            lines.add(line.toString());
            line.setLength(0);
            line.append(words[i]);
            if (lines.size() == CAPTION_LINES - 1) {
                line.append(' ').append(String.join(" ", List.of(words).subList(i + 1, words.length)));
                break;
            }
        }
        lines.add(line.toString().strip());
        List<String> fitted = new ArrayList<>();
        for (int i = 0; i < lines.size() && i < CAPTION_LINES; i++) {
            boolean last = i == CAPTION_LINES - 1 || i == lines.size() - 1;
            fitted.add(last || metrics.stringWidth(lines.get(i)) > maxWidth
                    ? ellipsize(lines.get(i), metrics, maxWidth) : lines.get(i));
        }
        return fitted;
    }

    private static String ellipsize(String line, FontMetrics metrics, int maxWidth) {
        if (metrics.stringWidth(line) <= maxWidth) {
            return line;
        }
        String cut = line;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "…";
    }
}
