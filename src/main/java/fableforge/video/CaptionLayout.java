package fableforge.video;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import fableforge.text.Phrasing;

/**
 * Splits a scene's narration into caption pages (cues) that read: cut at phrase boundaries, never across
 * a sentence, lines that fit the safe area at a font size relative to the frame, at most
 * {@link #MAX_LINES} lines of {@link #MAX_CHARS} characters a page. The layout is measured at the
 * story's full frame size whatever size is rendered, so a 480p draft shows the same pages at the same
 * times as the final video and its subtitles.
 */
public final class CaptionLayout {

    static final int MAX_LINES = 2;
    /** The usual subtitle line limit (Netflix, BBC): longer lines are hard to read in the time a cue has. */
    static final int MAX_CHARS = 42;
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

    /** Height of the band around {@code lines} lines of text at {@code fontSize}: what {@link CaptionOverlay} draws. */
    static double bandHeight(double fontSize, int lines) {
        double lineHeight = lineHeight(fontSize);
        return lines * lineHeight + 2 * padding(fontSize) - (lineHeight - fontSize * 1.08);
    }

    static double lineHeight(double fontSize) {
        return fontSize * 1.28;
    }

    /**
     * The top row of a band {@code bandHeight} tall in a frame of {@code size}: resting on the safe area's
     * lower edge at the bottom, hanging from its upper edge at the top.
     */
    static double bandTop(FrameSize size, double bandHeight, CaptionPlacement placement) {
        SafeArea safe = SafeArea.of(size);
        return placement == CaptionPlacement.TOP ? safe.topEdge(size) : safe.bottomEdge(size) - bandHeight;
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

    /**
     * The text as caption pages (cues): each within one sentence, cut between phrases where it can be,
     * at most {@value #MAX_LINES} lines of at most {@value #MAX_CHARS} characters that fit the safe width.
     * A phrase too long for one page is cut between words; no word is ever split.
     */
    public List<List<String>> pages(String text) {
        List<List<String>> pages = new ArrayList<>();
        for (String sentence : Phrasing.sentences(text)) {
            String current = null;
            for (String unit : units(sentence)) {
                String candidate = current == null ? unit : current + " " + unit;
                if (current == null || lines(candidate) != null) {
                    current = candidate;
                } else {
                    pages.add(linesOrOne(current));
                    current = unit;
                }
            }
            if (current != null) {
                pages.add(linesOrOne(current));
            }
        }
        return pages;
    }

    /** The sentence's phrases, each one too long for a page cut into page-sized runs of words. */
    private List<String> units(String sentence) {
        List<String> units = new ArrayList<>();
        for (String phrase : Phrasing.phrases(sentence)) {
            if (lines(phrase) != null) {
                units.add(phrase);
                continue;
            }
            String run = null;
            for (String word : Phrasing.words(phrase)) {
                String candidate = run == null ? word : run + " " + word;
                if (run == null || lines(candidate) != null) {
                    run = candidate;
                } else {
                    units.add(run);
                    run = word;
                }
            }
            units.add(run);
        }
        return units;
    }

    private List<String> linesOrOne(String text) {
        List<String> lines = lines(text);
        // Only a single word wider than a line gets here: it is shown whole rather than split.
        return lines != null ? lines : List.of(text);
    }

    /**
     * {@code text} on one line if it fits, else on two: broken after a phrase's punctuation or before a
     * joining word when such a break fits, else where the two lines are most even. Null if it needs more.
     */
    List<String> lines(String text) {
        if (fits(text)) {
            return List.of(text);
        }
        List<String> words = Phrasing.words(text);
        java.util.Set<Integer> breaks = phraseBreaks(text);
        List<String> best = null;
        double bestScore = Double.MAX_VALUE;
        for (int cut = 1; cut < words.size(); cut++) {
            String first = String.join(" ", words.subList(0, cut));
            String second = String.join(" ", words.subList(cut, words.size()));
            if (!fits(first) || !fits(second)) {
                continue;
            }
            double score = Math.abs(width(first) - width(second)) - (breaks.contains(cut) ? maxLineWidth : 0);
            if (score < bestScore) {
                bestScore = score;
                best = List.of(first, second);
            }
        }
        return best;
    }

    /** The word positions where a phrase of {@code text} ends and the next starts. */
    private static java.util.Set<Integer> phraseBreaks(String text) {
        java.util.Set<Integer> breaks = new java.util.HashSet<>();
        int words = 0;
        for (String phrase : Phrasing.phrases(text)) {
            words += Phrasing.wordCount(phrase);
            breaks.add(words);
        }
        return breaks;
    }

    boolean fits(String line) {
        return line.length() <= MAX_CHARS && width(line) <= maxLineWidth;
    }

    double width(String text) {
        return font.getStringBounds(text, MEASURE).getWidth();
    }
}
