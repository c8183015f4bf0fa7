package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.story.Beat;
import fableforge.story.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The camera-move maths: smooth, monotone, sub-pixel, inside the picture, and chosen by beat. */
class CameraMoveTest {

    private static final double SOURCE_WIDTH = 1404;
    private static final double SOURCE_HEIGHT = 2496;
    private static final double ASPECT = 1080 / 1920.0;
    private final MotionPlan plan = new MotionPlan();

    private static List<Crop> crops(CameraMove move, int frames) {
        List<Crop> crops = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            crops.add(move.cropAt(i / (double) (frames - 1), SOURCE_WIDTH, SOURCE_HEIGHT, ASPECT));
        }
        return crops;
    }

    @Test
    void everyEdgeOfEveryBeatsMoveTravelsOneWayWithoutSteps() {
        for (int number = 1; number <= Beat.TOTAL_SCENES; number++) {
            List<Crop> crops = crops(plan.moveFor(Scene.of(number, "text"), 6.0), 180);
            for (ToDoubleFunction<Crop> edge : List.<ToDoubleFunction<Crop>>of(Crop::x, Crop::y, Crop::width, Crop::height)) {
                assertMonotoneAndSmooth(crops, edge, "scene " + number);
            }
        }
    }

    /**
     * Jitter is a position that goes back and forth, or jumps: so the per-frame movement must keep
     * one sign, and change from one frame to the next by much less than a pixel.
     */
    private static void assertMonotoneAndSmooth(List<Crop> crops, ToDoubleFunction<Crop> edge, String what) {
        double previousStep = 0;
        int sign = 0;
        for (int i = 1; i < crops.size(); i++) {
            double step = edge.applyAsDouble(crops.get(i)) - edge.applyAsDouble(crops.get(i - 1));
            if (Math.abs(step) > 1e-9) {
                int stepSign = step > 0 ? 1 : -1;
                assertThat(sign == 0 || sign == stepSign).as(what + ": direction reversed at frame " + i).isTrue();
                sign = stepSign;
            }
            assertThat(Math.abs(step - previousStep)).as(what + ": speed jumped at frame " + i).isLessThan(0.25);
            previousStep = step;
        }
    }

    @Test
    void windowsMoveBySubPixelAmountsNotWholePixels() {
        List<Crop> crops = crops(plan.moveFor(Scene.of(1, "text"), 8.0), 240);

        long fractional = crops.stream().filter(crop -> Math.abs(crop.x() - Math.rint(crop.x())) > 0.01).count();
        assertThat(fractional).as("positions between pixels").isGreaterThan(crops.size() / 2);
        double largestStep = 0;
        for (int i = 1; i < crops.size(); i++) {
            largestStep = Math.max(largestStep, Math.abs(crops.get(i).x() - crops.get(i - 1).x()));
        }
        assertThat(largestStep).as("a calm drift moves less than a pixel a frame").isLessThan(1.0).isPositive();
    }

    @Test
    void windowsStayInsideThePictureAndKeepTheFrameShape() {
        for (int number = 1; number <= Beat.TOTAL_SCENES; number++) {
            for (Crop crop : crops(plan.moveFor(Scene.of(number, "text"), 30.0), 60)) {
                assertThat(crop.x()).isGreaterThanOrEqualTo(-1e-9);
                assertThat(crop.y()).isGreaterThanOrEqualTo(-1e-9);
                assertThat(crop.x() + crop.width()).isLessThanOrEqualTo(SOURCE_WIDTH + 1e-9);
                assertThat(crop.y() + crop.height()).isLessThanOrEqualTo(SOURCE_HEIGHT + 1e-9);
                assertThat(crop.width() / crop.height()).isCloseTo(ASPECT, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void discoveryAndTransformationPushInWhileTheFinalePullsOut() {
        for (int number : new int[] {5, 6, 11, 12}) {
            List<Crop> crops = crops(plan.moveFor(Scene.of(number, "text"), 5.0), 2);
            assertThat(crops.get(1).width()).as("scene " + number + " pushes in").isLessThan(crops.get(0).width());
        }
        List<Crop> finale = crops(plan.moveFor(Scene.of(20, "text"), 5.0), 2);
        assertThat(finale.get(1).width()).as("the finale pulls out").isGreaterThan(finale.get(0).width());
    }

    @Test
    void powerDisplayMovesFasterThanTheCalmSetup() {
        assertThat(travel(plan.moveFor(Scene.of(13, "text"), 5.0))).isGreaterThan(2 * travel(plan.moveFor(Scene.of(2, "text"), 5.0)));
        assertThat(travel(plan.moveFor(Scene.of(16, "text"), 5.0))).isGreaterThan(2 * travel(plan.moveFor(Scene.of(2, "text"), 5.0)));
    }

    @Test
    void consecutiveSetupScenesDriftInOppositeDirections() {
        List<Crop> one = crops(plan.moveFor(Scene.of(1, "text"), 5.0), 2);
        List<Crop> two = crops(plan.moveFor(Scene.of(2, "text"), 5.0), 2);

        assertThat(Math.signum(one.get(1).centerX() - one.get(0).centerX()))
                .isEqualTo(-Math.signum(two.get(1).centerX() - two.get(0).centerX()));
    }

    @Test
    void everyEasingGoesFromRestToRestWithoutGoingBack() {
        for (Easing easing : new Easing[] {Easing.SINE_IN_OUT, Easing.SURGE}) {
            assertThat(easing.apply(0)).isZero();
            assertThat(easing.apply(1)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(easing.apply(0.001)).as(easing + " starts at rest").isLessThan(0.0001);
            assertThat(1 - easing.apply(0.999)).as(easing + " ends at rest").isLessThan(0.0001);
            double previous = 0;
            for (int i = 1; i <= 1000; i++) {
                double value = easing.apply(i / 1000.0);
                assertThat(value).isGreaterThanOrEqualTo(previous);
                previous = value;
            }
        }
        assertThat(Easing.SURGE.apply(1 / 3.0)).as("surge is front-loaded").isGreaterThan(Easing.SINE_IN_OUT.apply(1 / 3.0));
    }

    /** How far the window's centre and size move over the clip, in source pixels. */
    private static double travel(CameraMove move) {
        Crop from = move.cropAt(0, SOURCE_WIDTH, SOURCE_HEIGHT, ASPECT);
        Crop to = move.cropAt(1, SOURCE_WIDTH, SOURCE_HEIGHT, ASPECT);
        return Math.hypot(to.centerX() - from.centerX(), to.centerY() - from.centerY()) + Math.abs(to.width() - from.width());
    }
}
