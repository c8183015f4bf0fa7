package fableforge.image.offline;

import fableforge.image.GeneratedImage;
import fableforge.image.ImageGenerator;
import fableforge.image.ImageRequest;
import fableforge.image.PngEncoder;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The offline image provider: draws each scene as a storyboard panel with Java2D, from the structured
 * {@link fableforge.image.ImageBrief} rather than the prompt. The same request always gives the same
 * bytes, and it keeps no state between calls, so any number of threads may share one instance.
 */
public final class StoryboardIllustrator implements ImageGenerator {

    public StoryboardIllustrator() {
    }

    /**
     * Drawing is CPU-bound: more frames at once than cores only adds memory and cache thrash, so the
     * illustrator draws at most one frame per core however many calls the provider gate lets in.
     */
    private final Semaphore cpuSlots = new Semaphore(Runtime.getRuntime().availableProcessors());

    @Override
    public GeneratedImage generate(ImageRequest request) throws ProviderException {
        if (request == null) {
            throw new ProviderException(new ProviderError.BadRequest("no image request"));
        }
        FrameSpec spec = FrameSpec.of(request);
        int width = spec.aspectRatio().width();
        int height = spec.aspectRatio().height();
        try {
            cpuSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.TimedOut("interrupted while waiting to draw"), e);
        }
        try {
            Drawn drawn = draw(spec, width, height);
            // A hero drawn wholly outside the panel (never expected) reports no box rather than an empty one.
            Optional<Rectangle> hero = drawn.hero().isEmpty() ? Optional.empty() : Optional.of(drawn.hero());
            return new GeneratedImage(PngEncoder.encode(drawn.sheet()), "image/png", width, height, hero, Optional.of(drawn.sheet()));
        } finally {
            cpuSlots.release();
        }
    }

    @Override
    public String name() {
        return "offline-illustrator";
    }

    @Override
    public java.util.Optional<Rectangle> pictureArea(int width, int height) {
        return java.util.Optional.of(new PanelFrame(width, height).picture());
    }

    /** A drawn sheet and where the hero is on it, in sheet pixels (inside the panel). */
    private record Drawn(BufferedImage sheet, Rectangle hero) {
    }

    private static Drawn draw(FrameSpec spec, int width, int height) {
        PanelFrame frame = new PanelFrame(width, height);
        Rectangle panel = frame.panel();
        Style style = spec.style();
        ScenePainter.Painting painting = new ScenePainter(spec).paint(panel.width, panel.height);
        BufferedImage painted = painting.picture();
        if (style == Style.PIXEL) {
            Finish.apply(style, painted, spec.frameSeed(), 1);
        }
        BufferedImage picture = enlarge(painted, panel.width, panel.height, style);
        if (style != Style.PIXEL) {
            Finish.apply(style, picture, spec.frameSeed(), Math.min(width, height) / 1080.0);
        }
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            frame.paintPaper(g);
            g.drawImage(picture, panel.x, panel.y, null);
            frame.paintFrame(g, spec.sceneNumber(), spec.caption());
        } finally {
            g.dispose();
        }
        return new Drawn(sheet, heroOnSheet(painting.hero(), panel));
    }

    /** The hero's box moved from panel to sheet pixels, rounded outwards and cut to the panel. */
    static Rectangle heroOnSheet(Rectangle2D hero, Rectangle panel) {
        int left = (int) Math.floor(panel.x + hero.getMinX());
        int top = (int) Math.floor(panel.y + hero.getMinY());
        int right = (int) Math.ceil(panel.x + hero.getMaxX());
        int bottom = (int) Math.ceil(panel.y + hero.getMaxY());
        return new Rectangle(left, top, right - left, bottom - top).intersection(panel);
    }

    private static BufferedImage enlarge(BufferedImage painted, int width, int height, Style style) {
        if (painted.getWidth() == width && painted.getHeight() == height) {
            return painted;
        }
        BufferedImage full = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = full.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, style == Style.PIXEL
                    ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(painted, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return full;
    }
}
