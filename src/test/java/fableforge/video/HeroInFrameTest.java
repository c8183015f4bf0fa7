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

/** The camera keeps the hero whole: every frame's window contains the hero's box. */
class HeroInFrameTest {

    private static final double EPSILON = 1e-6;
    private final MotionPlan plan = new MotionPlan();

    private static boolean contains(Crop crop, Rectangle2D box) {
        return crop.x() <= box.getMinX() + EPSILON && crop.y() <= box.getMinY() + EPSILON
                && crop.x() + crop.width() >= box.getMaxX() - EPSILON && crop.y() + crop.height() >= box.getMaxY() - EPSILON;
    }

    @Test
    void everyFrameOfEveryBeatsMoveContainsABoxThatFits() {
        SplittableRandom random = new SplittableRandom(15);
        double[][] pictures = {{1032, 1566, 1080 / 1920.0}, {1860, 880, 1920 / 1080.0}, {1032, 900, 1.0}};
        for (double[] picture : pictures) {
            double width = picture[0];
            double height = picture[1];
            double aspect = picture[2];
            for (int seed = 0; seed < 25; seed++) {
                // A box up to the largest the frame's shape can show, anywhere, edges included.
                double fullWidth = Math.min(width, height * aspect);
                double boxWidth = fullWidth * (0.15 + 0.8 * random.nextDouble());
                double boxHeight = Math.min(height, fullWidth / aspect) * (0.15 + 0.8 * random.nextDouble());
                Rectangle2D box = new Rectangle2D.Double(random.nextDouble() * (width - boxWidth), random.nextDouble() * (height - boxHeight),
                        boxWidth, boxHeight);
                for (int number = 1; number <= Beat.TOTAL_SCENES; number++) {
                    double seconds = 1 + random.nextDouble() * 12;
                    CameraMove move = plan.moveFor(Scene.of(number, "text"), seconds, width, height, aspect, Optional.of(box));
                    int frames = (int) Math.round(seconds * 30);
                    for (int f = 0; f < frames; f++) {
                        Crop crop = move.cropAt(f / (double) (frames - 1), width, height, aspect);
                        assertThat(contains(crop, box)).as("scene %d frame %d of %d: crop %s, box %s", number, f, frames, crop, box).isTrue();
                        assertThat(crop.x() >= -EPSILON && crop.y() >= -EPSILON && crop.x() + crop.width() <= width + EPSILON
                                && crop.y() + crop.height() <= height + EPSILON).as("crop inside the picture").isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aBoxTooLargeForTheFrameIsCentredAtTheWidestWindow() {
        // A wide hero in a tall picture: no 9:16 window can hold 900 px of width in a 1000 × 1600 picture.
        Rectangle2D box = new Rectangle2D.Double(50, 700, 900, 300);
        CameraMove move = plan.moveFor(Scene.of(5, "text"), 6, 1000, 1600, 1080 / 1920.0, Optional.of(box));
        for (double t = 0; t <= 1; t += 0.1) {
            Crop crop = move.cropAt(t, 1000, 1600, 1080 / 1920.0);
            assertThat(crop.width()).as("zoomed all the way out").isCloseTo(1600 * 1080 / 1920.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(crop.centerX()).as("centred on the box").isCloseTo(box.getCenterX(), org.assertj.core.data.Offset.offset(1.0));
            assertThat(crop.y()).isLessThanOrEqualTo(box.getMinY());
            assertThat(crop.y() + crop.height()).isGreaterThanOrEqualTo(box.getMaxY());
        }
    }

    @Test
    void withoutASubjectTheCameraStaysNearTheCentreAndZoomsLittle() {
        for (int number = 1; number <= Beat.TOTAL_SCENES; number++) {
            CameraMove move = plan.moveFor(Scene.of(number, "text"), 10, 1000, 1600, 1080 / 1920.0, Optional.empty());
            assertThat(move.maxZoom()).isLessThanOrEqualTo(SubjectFraming.GENTLE_ZOOM);
            for (CameraMove.Framing framing : new CameraMove.Framing[] {move.from(), move.to()}) {
                assertThat(Math.abs(framing.x() - 0.5)).isLessThanOrEqualTo(SubjectFraming.GENTLE_RANGE + EPSILON);
                assertThat(Math.abs(framing.y() - 0.5)).isLessThanOrEqualTo(SubjectFraming.GENTLE_RANGE + EPSILON);
            }
        }
    }

    /**
     * End to end on the offline illustrator's own pictures: the box it reports, through the clip maker
     * (panel cut away, still prepared), lies inside the window of every frame of the clip.
     */
    @Test
    void theIllustratorsHeroIsInsideEveryFrameOfItsClip() throws Exception {
        Hero hero = new Hero("Tamsin", "pangolin", new Hero.Colour("bronze", 0x9C6B30), new Hero.Colour("cream", 0xF3E6D0),
                new Hero.Colour("amber", 0xFFB000), "a heart-shaped spot", "a jade bell", "the power of wind",
                new Hero.Colour("jade", 0x2FBF71));
        StoryboardIllustrator illustrator = new StoryboardIllustrator();
        LocalMotionClips clips = new LocalMotionClips(plan);
        FrameSize size = RenderQuality.DRAFT.frameSize(AspectRatio.PORTRAIT);
        for (int number : new int[] {1, 3, 7, 10, 13, 16, 17, 20}) {
            for (int seed : new int[] {3, 11}) {
                ImageBrief brief = new ImageBrief(number, Beat.ofScene(number), hero, "misty bamboo forest", "storybook", "text",
                        AspectRatio.PORTRAIT, seed);
                GeneratedImage image = illustrator.generate(new ImageRequest("story", 1, "prompt", brief));
                Rectangle picture = illustrator.pictureArea(image.width(), image.height()).orElseThrow();
                Rectangle drawn = image.subject().orElseThrow();
                int frames = 30 * (2 + number % 5);
                ClipRequest request = new ClipRequest("story", Scene.of(number, "text"), image.bytes(), Optional.of(picture), frames, size, 30,
                        image.subject());
                try (SceneClip clip = clips.clip(request)) {
                    LocalMotionClips.MovingStill moving = (LocalMotionClips.MovingStill) clip;
                    double sx = moving.sourceWidth() / (double) picture.width;
                    double sy = moving.sourceHeight() / (double) picture.height;
                    Rectangle shown = drawn.intersection(picture);
                    Rectangle2D box = new Rectangle2D.Double((shown.x - picture.x) * sx, (shown.y - picture.y) * sy,
                            shown.width * sx, shown.height * sy);
                    for (int f = 0; f < frames; f++) {
                        assertThat(contains(moving.cropAt(f), box)).as("scene %d seed %d frame %d: crop %s, hero %s", number, seed, f,
                                moving.cropAt(f), box).isTrue();
                    }
                }
            }
        }
    }

    /**
     * Random quizzes (every body plan, styles, seeds), one scene of each beat, in every shape: the whole hero
     * the illustrator reports (its outline and halo included, HeroBoxTest) is inside every frame of its clip,
     * captioned or not. A close-up near the picture's edge once cut an otter's snout off (issue 15).
     */
    @Test
    void randomStoriesHeroesAreInsideEveryFrameInEveryShape() throws Exception {
        LocalMotionClips clips = new LocalMotionClips(plan);
        for (AspectRatio aspect : AspectRatio.values()) {
            FrameSize size = RenderQuality.DRAFT.frameSize(aspect);
            for (IllustratedScenes.Drawn drawn : IllustratedScenes.of(aspect, 2, 15 + aspect.ordinal())) {
                Rectangle picture = drawn.picture().orElseThrow();
                Rectangle shown = drawn.image().subject().orElseThrow().intersection(picture);
                Rectangle subject = drawn.image().subject().orElseThrow();
                assertThat(shown.x == subject.x && shown.width == subject.width)
                        .as("%s: the hero's box %s is inside the picture %s across", drawn, subject, picture).isTrue();
                int frames = 30 * (2 + drawn.scene().number() % 5);
                ClipRequest captioned = drawn.clip(size, frames);
                for (ClipRequest request : new ClipRequest[] {captioned, captioned.uncaptioned()}) {
                    try (SceneClip clip = clips.clip(request)) {
                        LocalMotionClips.MovingStill moving = (LocalMotionClips.MovingStill) clip;
                        double sx = moving.sourceWidth() / (double) picture.width;
                        double sy = moving.sourceHeight() / (double) picture.height;
                        Rectangle2D box = new Rectangle2D.Double((shown.x - picture.x) * sx, (shown.y - picture.y) * sy,
                                shown.width * sx, shown.height * sy);
                        for (int f = 0; f < frames; f++) {
                            assertThat(contains(moving.cropAt(f), box)).as("%s captioned %s frame %d: crop %s, hero %s", drawn,
                                    request.captioned(), f, moving.cropAt(f), box).isTrue();
                        }
                    }
                }
            }
        }
    }
}
