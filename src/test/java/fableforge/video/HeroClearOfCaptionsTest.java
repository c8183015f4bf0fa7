package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.image.GeneratedImage;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.story.AspectRatio;
import fableforge.story.Beat;
import fableforge.story.Hero;
import fableforge.story.Scene;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The captions do not cover the hero: in every frame of the offline illustrator's scenes, through the
 * clip maker's camera, the hero's box and the caption band (the tallest page, as wide as the safe area,
 * where the timeline places the scene's captions) do not overlap whenever some placement can keep them apart.
 * On 9:16, the Shorts shape, one always can; on 1:1 and 16:9 the hero may fill most of the picture's height,
 * so a band may have to cover a little of it: at most {@value #WIDE_MAX_COVERED} of the box, and never its
 * upper half (the head). Checked on the shipped heroes and on one scene of each beat of random stories.
 */
class HeroClearOfCaptionsTest {

    /**
     * Share of the hero's box a band may cover on 1:1 and 16:9, where the picture leaves no clear rows: its feet,
     * as little as the camera can (at most 0.21 in these scenes since the box holds the whole drawing, halo and glow).
     */
    static final double WIDE_MAX_COVERED = 0.25;

    private static final Hero PANGOLIN = new Hero("Tamsin", "pangolin", new Hero.Colour("bronze", 0x9C6B30), new Hero.Colour("cream", 0xF3E6D0),
            new Hero.Colour("amber", 0xFFB000), "a heart-shaped spot", "a jade bell", "the power of wind", new Hero.Colour("jade", 0x2FBF71));
    private static final Hero FOX = new Hero("Ember", "red fox", new Hero.Colour("russet", 0xC0502A), new Hero.Colour("white", 0xF5F0E8),
            new Hero.Colour("green", 0x3FA34D), "a star-shaped patch", "an ancient amulet", "the power of fire", new Hero.Colour("ember orange", 0xFF6A1A));

    private final StoryboardIllustrator illustrator = new StoryboardIllustrator();
    private final LocalMotionClips clips = new LocalMotionClips(new MotionPlan());

    @Test
    void onPortraitTheCaptionBandNeverCoversTheHero() throws Exception {
        for (Coverage coverage : coverages(AspectRatio.PORTRAIT)) {
            assertThat(coverage.clearable()).as("a clear placement: " + coverage).isTrue();
            assertThat(coverage.worst()).as(coverage.toString()).isZero();
        }
    }

    @Test
    void onSquareAndWideTheBandCoversLittleOfTheHeroAndNeverItsHead() throws Exception {
        for (AspectRatio aspect : new AspectRatio[] {AspectRatio.SQUARE, AspectRatio.LANDSCAPE}) {
            for (Coverage coverage : coverages(aspect)) {
                if (coverage.clearable()) {
                    assertThat(coverage.worst()).as(coverage.toString()).isZero();
                }
                assertThat(coverage.worst()).as(coverage.toString()).isLessThanOrEqualTo(WIDE_MAX_COVERED);
                assertThat(coverage.worstHead()).as("head: " + coverage).isZero();
            }
        }
    }

    /**
     * Any box, any beat: when the rule places the captions where the box can be kept clear, every frame of the
     * move keeps it clear of that band (and inside the frame); the bottom is chosen whenever it can be cleared.
     */
    @Test
    void wheneverABandCanBeClearedEveryFrameOfTheMoveClearsIt() {
        SplittableRandom random = new SplittableRandom(15);
        MotionPlan plan = new MotionPlan();
        double[][] pictures = {{1032, 1566}, {1860, 880}, {1032, 900}, {1080, 1920}};
        int placedOnTop = 0;
        int placedAtBottom = 0;
        for (AspectRatio aspect : AspectRatio.values()) {
            FrameSize size = FrameSize.of(aspect);
            for (double[] picture : pictures) {
                double width = picture[0];
                double height = picture[1];
                for (int seed = 0; seed < 40; seed++) {
                    double boxWidth = width * (0.1 + 0.5 * random.nextDouble());
                    double boxHeight = height * (0.1 + 0.6 * random.nextDouble());
                    Rectangle2D box = new Rectangle2D.Double(random.nextDouble() * (width - boxWidth), random.nextDouble() * (height - boxHeight),
                            boxWidth, boxHeight);
                    CaptionPlacement placement = CaptionPlacement.choose(width, height, size, Optional.of(box));
                    CaptionBand band = CaptionBand.of(size, placement);
                    Rectangle2D padded = SubjectFraming.padded(box, width, height);
                    boolean clearable = SubjectFraming.canClear(padded, width, height, size.aspect(), band);
                    if (placement == CaptionPlacement.TOP) {
                        assertThat(SubjectFraming.canClear(padded, width, height, size.aspect(), CaptionBand.of(size, CaptionPlacement.BOTTOM)))
                                .as("the top only when the bottom cannot be cleared").isFalse();
                        placedOnTop++;
                    } else {
                        placedAtBottom += clearable ? 1 : 0;
                    }
                    if (!clearable) {
                        continue;
                    }
                    double fullWidth = Math.min(width, height * size.aspect());
                    int number = 1 + seed % Beat.TOTAL_SCENES;
                    double seconds = 1 + random.nextDouble() * 8;
                    CameraMove move = plan.moveFor(Scene.of(number, "text"), seconds, width, height, size.aspect(), Optional.of(box), band);
                    int frames = (int) Math.round(seconds * 30);
                    for (int f = 0; f < frames; f++) {
                        Crop crop = move.cropAt(f / (double) (frames - 1), width, height, size.aspect());
                        double clearFrom = crop.y() + band.clearFrom() * crop.height();
                        double clearTo = crop.y() + band.clearTo() * crop.height();
                        assertThat(box.getMinY() >= clearFrom - 1e-6 && box.getMaxY() <= clearTo + 1e-6)
                                .as("%s %s scene %d frame %d: crop %s, box %s", aspect, placement, number, f, crop, box).isTrue();
                        // Across, a box wider than the widest window is centred in it instead (HeroInFrameTest).
                        assertThat(padded.getWidth() > fullWidth || box.getMinX() >= crop.x() - 1e-6 && box.getMaxX() <= crop.x() + crop.width() + 1e-6)
                                .as("%s %s scene %d frame %d across: crop %s, box %s", aspect, placement, number, f, crop, box).isTrue();
                        assertThat(crop.y() >= -1e-6 && crop.y() + crop.height() <= height + 1e-6).as("crop inside the picture").isTrue();
                    }
                }
            }
        }
        assertThat(placedOnTop).as("boxes low in the picture put the captions on top").isPositive();
        assertThat(placedAtBottom).as("boxes that can sit above the band keep the captions at the bottom").isPositive();
    }

    /**
     * The last scene of the red fox story (issue 15): a triumph pose nearly as wide as the widest 9:16 window,
     * low in the picture. Its box, with the margin, is a fraction of a pixel wider than that window, which
     * made both bands look impossible to clear, so the captions fell back to the bottom, over its chest.
     */
    @Test
    void aHeroWiderThanTheWindowButLowInThePictureGetsTheCaptionsOnTop() {
        FrameSize size = FrameSize.of(AspectRatio.PORTRAIT);
        Rectangle2D fox = new Rectangle2D.Double(0, 757, 891, 733);
        assertThat(CaptionPlacement.choose(1006, 1647, size, Optional.of(fox))).isEqualTo(CaptionPlacement.TOP);
    }

    /** With no captions drawn (CAPTION_STYLE=none) the camera frames the hero in the whole picture, around no band. */
    @Test
    void withoutCaptionsTheCameraFramesTheHeroAroundNoBand() throws Exception {
        FrameSize size = RenderQuality.DRAFT.frameSize(AspectRatio.PORTRAIT);
        int moved = 0;
        for (int number : new int[] {1, 6, 9, 12, 14, 17, 20}) {
            ImageBrief brief = new ImageBrief(number, Beat.ofScene(number), FOX, "misty bamboo forest", "storybook", "text",
                    AspectRatio.PORTRAIT, 11);
            GeneratedImage image = illustrator.generate(new ImageRequest("story", 1, "prompt", brief));
            Optional<Rectangle> picture = illustrator.pictureArea(image.width(), image.height());
            ClipRequest captioned = new ClipRequest("story", Scene.of(number, "text"), image.bytes(), picture, 90, size, 30, image.subject());
            try (SceneClip withBand = clips.clip(captioned); SceneClip without = clips.clip(captioned.uncaptioned())) {
                LocalMotionClips.MovingStill moving = (LocalMotionClips.MovingStill) without;
                Rectangle area = picture.orElseThrow();
                Rectangle shown = image.subject().orElseThrow().intersection(area);
                double sx = moving.sourceWidth() / (double) area.width;
                double sy = moving.sourceHeight() / (double) area.height;
                Rectangle2D box = new Rectangle2D.Double((shown.x - area.x) * sx, (shown.y - area.y) * sy, shown.width * sx, shown.height * sy);
                CameraMove bandless = new MotionPlan().moveFor(Scene.of(number, "text"), 3.0, moving.sourceWidth(), moving.sourceHeight(),
                        size.aspect(), Optional.of(box));
                for (int f : new int[] {0, 45, 89}) {
                    assertThat(moving.cropAt(f)).as("scene " + number + " frame " + f)
                            .isEqualTo(bandless.cropAt(f / 89.0, moving.sourceWidth(), moving.sourceHeight(), size.aspect()));
                    moved += ((LocalMotionClips.MovingStill) withBand).cropAt(f).equals(moving.cropAt(f)) ? 0 : 1;
                }
            }
        }
        assertThat(moved).as("frames where the band moved the captioned camera").isPositive();
    }

    /** How much of the hero the band covers at worst over a scene's frames: of the whole box, and of its upper half. */
    record Coverage(String scene, AspectRatio aspect, CaptionPlacement placement, boolean clearable, double worst, double worstHead) {
    }

    /** The scenes checked: some of the shipped fox's and pangolin's, and every scene of random stories. */
    private java.util.List<Coverage> coverages(AspectRatio aspect) throws Exception {
        java.util.List<Coverage> coverages = new java.util.ArrayList<>();
        FrameSize size = RenderQuality.DRAFT.frameSize(aspect);
        int[][] cases = {{1, 3}, {4, 5}, {6, 11}, {8, 3}, {12, 11}, {15, 9}, {17, 11}, {20, 11}};
        for (int i = 0; i < cases.length; i++) {
            int number = cases[i][0];
            int seed = cases[i][1];
            Hero hero = i % 2 == 0 ? FOX : PANGOLIN;
            ImageBrief brief = new ImageBrief(number, Beat.ofScene(number), hero, "misty bamboo forest", "storybook", "text", aspect, seed);
            GeneratedImage image = illustrator.generate(new ImageRequest("story", 1, "prompt", brief));
            Optional<Rectangle> picture = illustrator.pictureArea(image.width(), image.height());
            SceneStill still = new SceneStill(Scene.of(number, "text"), image.bytes(), picture, image.subject());
            int frames = 30 * (2 + number % 4);
            ClipRequest request = new ClipRequest("story", still.scene(), image.bytes(), picture, frames, size, 30, image.subject());
            coverages.add(coverage(hero.name() + " scene " + number + " seed " + seed, aspect, still, request, image, size));
        }
        for (IllustratedScenes.Drawn drawn : IllustratedScenes.of(aspect, 2, 15 + aspect.ordinal())) {
            int frames = 30 * (2 + drawn.scene().number() % 4);
            coverages.add(coverage(drawn.toString(), aspect, drawn.still(), drawn.clip(size, frames), drawn.image(), size));
        }
        return coverages;
    }

    private Coverage coverage(String what, AspectRatio aspect, SceneStill still, ClipRequest request, GeneratedImage image, FrameSize size) throws Exception {
        CaptionBand band = CaptionBand.of(size, CaptionPlacement.of(still, size));
        Rectangle area = request.picture().orElse(new Rectangle(image.width(), image.height()));
        Rectangle shown = image.subject().orElseThrow().intersection(area);
        try (SceneClip clip = clips.clip(request)) {
            LocalMotionClips.MovingStill moving = (LocalMotionClips.MovingStill) clip;
            double sx = moving.sourceWidth() / (double) area.width;
            double sy = moving.sourceHeight() / (double) area.height;
            Rectangle2D box = new Rectangle2D.Double((shown.x - area.x) * sx, (shown.y - area.y) * sy, shown.width * sx, shown.height * sy);
            Rectangle2D head = new Rectangle2D.Double(box.getX(), box.getY(), box.getWidth(), box.getHeight() / 2);
            double worst = 0;
            double worstHead = 0;
            for (int f = 0; f < request.frameCount(); f++) {
                Rectangle2D covered = bandOf(moving.cropAt(f), band, SafeArea.of(size));
                worst = Math.max(worst, coveredShare(box, covered));
                worstHead = Math.max(worstHead, coveredShare(head, covered));
            }
            Rectangle2D inArea = new Rectangle2D.Double(shown.x - area.x, shown.y - area.y, shown.width, shown.height);
            boolean clearable = SubjectFraming.canClear(SubjectFraming.padded(inArea, area.width, area.height), area.width, area.height,
                    size.aspect(), band);
            return new Coverage(what, aspect, band.placement(), clearable, worst, worstHead);
        }
    }

    /** The band's rectangle in the still's pixels for a frame showing {@code crop}: its rows, across the safe width. */
    private static Rectangle2D bandOf(Crop crop, CaptionBand band, SafeArea safe) {
        return new Rectangle2D.Double(crop.x() + safe.sides() * crop.width(), crop.y() + band.top() * crop.height(),
                crop.width() * (1 - 2 * safe.sides()), (band.bottom() - band.top()) * crop.height());
    }

    private static double coveredShare(Rectangle2D box, Rectangle2D band) {
        Rectangle2D overlap = box.createIntersection(band);
        if (overlap.isEmpty()) {
            return 0;
        }
        return overlap.getWidth() * overlap.getHeight() / (box.getWidth() * box.getHeight());
    }
}
