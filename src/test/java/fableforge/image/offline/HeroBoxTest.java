package fableforge.image.offline;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.image.GeneratedImage;
import fableforge.story.AspectRatio;
import fableforge.story.Beat;
import fableforge.story.Hero;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The offline illustrator says where it drew the hero, so the video camera can keep it in frame. */
class HeroBoxTest {

    /** A magenta hero with jade powers: no sky, land or effect of any scene shares its colour. */
    private static final Hero MAGENTA = new Hero("Mira", "fox", new Hero.Colour("magenta", 0xC02AB4), new Hero.Colour("cream", 0xF3E6D0),
            new Hero.Colour("amber", 0xFFB000), "a white star", "a jade bell", "the power of wind", new Hero.Colour("jade", 0x2FBF71));

    private final StoryboardIllustrator illustrator = new StoryboardIllustrator();

    @Test
    void theReportedBoxHoldsTheHerosColouredPixelsInsideThePicture() throws Exception {
        // One scene of each beat, two attempts (other frame seeds: other size, place and facing).
        for (Beat beat : Beat.values()) {
            int scene = java.util.stream.IntStream.rangeClosed(1, Beat.TOTAL_SCENES).filter(n -> Beat.ofScene(n) == beat).findFirst().orElseThrow();
            for (int attempt = 1; attempt <= 2; attempt++) {
                GeneratedImage generated = illustrator.generate(SampleStories.request("story-fox", MAGENTA, scene, attempt,
                        "misty forest", "storyboard", AspectRatio.PORTRAIT));
                Rectangle box = generated.subject().orElseThrow();
                Rectangle panel = new PanelFrame(generated.width(), generated.height()).panel();
                BufferedImage image = StoryboardIllustratorTest.decode(generated.bytes());
                String what = "scene " + scene + " attempt " + attempt + ", box " + box;

                assertThat(panel.contains(box)).as(what + " inside the panel").isTrue();
                assertThat(box.width * (double) box.height).as(what + " a real figure").isGreaterThan(0.02 * panel.width * panel.height);
                int[] inOut = heroPixels(image, panel, box, MAGENTA.primaryColour().rgb());
                assertThat(inOut[0]).as(what + ": hero-coloured pixels inside").isGreaterThan(200);
                assertThat(inOut[0] / (double) (inOut[0] + inOut[1])).as(what + ": share of hero-coloured pixels inside").isGreaterThan(0.9);
            }
        }
    }

    /**
     * The whole drawn hero, not only its shapes: snout, tail, ears, their outline and the aura's halo. The hero is
     * painted alone (as the scene paints it) for heroes of every body plan, in every style, beat and shape, and
     * every pixel it covers noticeably (alpha from 0.2: the faint backdrop glow fades below that) lies inside the
     * reported box, to 1% of the picture. The box lies inside the picture across, and a frame-shaped window is wide enough for it.
     */
    @Test
    void theReportedBoxHoldsEveryPixelOfTheHeroDrawnAlone() throws Exception {
        String[] species = {"red fox", "otter", "pangolin", "snowy owl", "penguin", "turtle", "stag", "horse", "rabbit", "bear", "tiger",
                "raccoon", "squirrel", "unicorn"};
        String[] styles = {"watercolor", "comic", "pixel art", "anime", "storyboard"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(13);
        for (AspectRatio ratio : AspectRatio.values()) {
            for (int i = 0; i < 12; i++) {
                Hero hero = new Hero("Mira", species[random.nextInt(species.length)], MAGENTA.primaryColour(), MAGENTA.secondaryColour(),
                        MAGENTA.eyeColour(), "a white star", "a jade bell", "the power of wind", MAGENTA.powerColour());
                int scene = 1 + random.nextInt(Beat.TOTAL_SCENES);
                FrameSpec spec = FrameSpec.of(SampleStories.request("story-" + i, hero, scene, 1 + random.nextInt(3), "misty forest",
                        styles[random.nextInt(styles.length)], ratio));
                PanelFrame frame = new PanelFrame(ratio.width(), ratio.height());
                Rectangle panel = frame.panel();
                ScenePainter.Painting alone = new ScenePainter(spec).heroAlone(panel.width, panel.height);
                java.awt.geom.Rectangle2D box = alone.hero();
                String what = ratio + " " + hero.species() + " " + spec.style() + " scene " + scene + ", box " + box;

                // Where a glow and the aura's faint outer stroke overlap their alphas add up a little past where each alone fades.
                double slack = 0.01 * Math.min(panel.width, panel.height);
                Rectangle outside = null;
                for (int y = 0; y < panel.height; y++) {
                    for (int x = 0; x < panel.width; x++) {
                        boolean drawn = (alone.picture().getRGB(x, y) >>> 24) >= Math.ceil(ScenePainter.SEEN_ALPHA * 255);
                        if (drawn && !box.intersects(x - slack, y - slack, 1 + 2 * slack, 1 + 2 * slack)) {
                            outside = outside == null ? new Rectangle(x, y, 1, 1) : outside.union(new Rectangle(x, y, 1, 1));
                        }
                    }
                }
                assertThat(outside).as(what + ": drawn pixels outside the box").isNull();
                Rectangle picture = frame.picture();
                assertThat(box.getMinX() + panel.x).as(what + ": inside the picture on the left").isGreaterThanOrEqualTo(picture.x);
                assertThat(box.getMaxX() + panel.x).as(what + ": inside the picture on the right").isLessThanOrEqualTo(picture.getMaxX());
                double window = Math.min(picture.width, picture.height * ratio.width() / (double) ratio.height());
                assertThat(box.getWidth()).as(what + ": a frame-shaped window holds it").isLessThan(window);
            }
        }
    }

    /** Pixels of the panel close to the hero's main colour, inside and outside {@code box}. */
    private static int[] heroPixels(BufferedImage image, Rectangle panel, Rectangle box, int rgb) {
        int[] inOut = new int[2];
        for (int y = panel.y; y < panel.y + panel.height; y += 2) {
            for (int x = panel.x; x < panel.x + panel.width; x += 2) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 255) - ((rgb >> 16) & 255);
                int dg = ((p >> 8) & 255) - ((rgb >> 8) & 255);
                int db = (p & 255) - (rgb & 255);
                if (dr * dr + dg * dg + db * db < 40 * 40) {
                    inOut[box.contains(x, y) ? 0 : 1]++;
                }
            }
        }
        return inOut;
    }
}
