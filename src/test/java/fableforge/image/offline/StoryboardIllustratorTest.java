package fableforge.image.offline;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.story.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.story.Beat;
import fableforge.story.Hero;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoryboardIllustratorTest {

    private final StoryboardIllustrator illustrator = new StoryboardIllustrator();

    @Test
    void isNamedForHealthReports() {
        assertThat(illustrator.name()).isEqualTo("offline-illustrator");
    }

    @Test
    void sameRequestGivesByteIdenticalPng() throws Exception {
        ImageRequest request = fox(7, 1, "watercolor", AspectRatio.PORTRAIT);
        assertThat(illustrator.generate(request).bytes()).isEqualTo(illustrator.generate(request).bytes());
    }

    @Test
    void anotherAttemptRedrawsTheSceneDifferently() throws Exception {
        byte[] first = illustrator.generate(fox(3, 1, "comic", AspectRatio.PORTRAIT)).bytes();
        byte[] retry = illustrator.generate(fox(3, 2, "comic", AspectRatio.PORTRAIT)).bytes();
        assertThat(retry).isNotEqualTo(first);
    }

    @Test
    void twentyScenesOfOneStoryAreTwentyDistinctImages() throws Exception {
        Set<String> distinct = new HashSet<>();
        for (int scene = 1; scene <= 20; scene++) {
            distinct.add(Arrays.toString(illustrator.generate(fox(scene, 1, "", AspectRatio.PORTRAIT)).bytes()));
        }
        assertThat(distinct).hasSize(20);
    }

    @ParameterizedTest
    @EnumSource(AspectRatio.class)
    void imageSizeMatchesTheAspectRatio(AspectRatio ratio) throws Exception {
        GeneratedImage image = illustrator.generate(fox(13, 1, "pixar", ratio));
        BufferedImage decoded = decode(image.bytes());
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(new int[] {image.width(), image.height()}).containsExactly(ratio.width(), ratio.height());
        assertThat(new int[] {decoded.getWidth(), decoded.getHeight()}).containsExactly(ratio.width(), ratio.height());
        BufferedImage picture = image.picture().orElseThrow();
        assertThat(picture.getRGB(0, 0, ratio.width(), ratio.height(), null, 0, ratio.width()))
                .as("the picture handed on beside the PNG (thumbnails are made from it) is the PNG's")
                .isEqualTo(decoded.getRGB(0, 0, ratio.width(), ratio.height(), null, 0, ratio.width()));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void heroPrimaryColourCoversAVisibleShareOfEveryFrame(Style style) throws Exception {
        String styleWord = switch (style) {
            case WATERCOLOR -> "watercolor";
            case COMIC -> "comic";
            case PIXEL -> "pixel art";
            case SMOOTH -> "anime";
            case CLEAN -> "storyboard";
        };
        for (int scene = 1; scene <= 20; scene++) {
            // The picture the PNG was encoded from (its decoding is checked above and in PngEncoderTest).
            BufferedImage image = illustrator.generate(fox(scene, 1, styleWord, AspectRatio.PORTRAIT)).picture().orElseThrow();
            assertThat(shareNear(image, SampleStories.EMBER.primaryColour().rgb()))
                    .as("share of hero colour in scene %d, %s", scene, style)
                    .isGreaterThan(0.008);
        }
    }

    @Test
    void paletteBrightensFromTheLowPointsToTheTriumph() throws Exception {
        double underdog = brightness(decode(illustrator.generate(fox(2, 1, "", AspectRatio.SQUARE)).bytes()));
        double setback = brightness(decode(illustrator.generate(fox(7, 1, "", AspectRatio.SQUARE)).bytes()));
        double triumph = brightness(decode(illustrator.generate(fox(20, 1, "", AspectRatio.SQUARE)).bytes()));
        assertThat(triumph).isGreaterThan(underdog + 0.1).isGreaterThan(setback + 0.1);
    }

    @Test
    void unknownSpeciesSettingAndStyleStillGiveAValidImage() throws Exception {
        Hero odd = new Hero("Zz", "space axolotl from beyond", null, null, null,
                "x".repeat(5_000), "", "", null);
        ImageBrief brief = new ImageBrief(99, null, odd, "the inside of a teacup on Neptune", "🦊 vaporwave",
                "word ".repeat(2_000), AspectRatio.SQUARE, -1);
        GeneratedImage image = illustrator.generate(new ImageRequest(null, 0, null, brief));
        assertThat(decode(image.bytes()).getWidth()).isEqualTo(1080);
    }

    @Test
    void everySpeciesAndSettingFamilyDraws() throws Exception {
        String[] species = {"grey wolf", "lion", "panda", "hare", "squirrel", "bald eagle", "emperor penguin",
                "sea turtle", "unicorn", "raccoon", "zebra", "snow leopard"};
        String[] settings = {"woods", "arctic tundra", "desert canyon", "rainforest", "coral reef", "savanna",
                "bayou", "city streets", "farm", "somewhere"};
        for (int i = 0; i < species.length; i++) {
            Hero hero = new Hero("H", species[i], new Hero.Colour("c", 0x8A5A3A), new Hero.Colour("w", 0xF0F0E8),
                    new Hero.Colour("e", 0x3070F0), "a black patch", "sword", "wind", new Hero.Colour("p", 0x40E0D0));
            int scene = 1 + (i * 3) % 20;
            ImageBrief brief = new ImageBrief(scene, Beat.ofScene(scene), hero, settings[i % settings.length],
                    i % 2 == 0 ? "comic" : "pixel", "caption", AspectRatio.LANDSCAPE, i);
            assertThat(decode(illustrator.generate(new ImageRequest("s", 1, "p", brief)).bytes()).getWidth())
                    .isEqualTo(1920);
        }
    }

    @Test
    void concurrentCallsGiveTheSameBytesAsSequentialOnes() throws Exception {
        List<ImageRequest> requests = new ArrayList<>();
        for (int scene = 1; scene <= 10; scene++) {
            requests.add(fox(scene, 1, scene % 2 == 0 ? "watercolor" : "comic", AspectRatio.PORTRAIT));
        }
        List<byte[]> sequential = new ArrayList<>();
        for (ImageRequest request : requests) {
            sequential.add(illustrator.generate(request).bytes());
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<byte[]>> parallel = new ArrayList<>();
            for (ImageRequest request : requests) {
                parallel.add(pool.submit(() -> illustrator.generate(request).bytes()));
            }
            for (int i = 0; i < requests.size(); i++) {
                assertThat(parallel.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    private static ImageRequest fox(int scene, int attempt, String style, AspectRatio ratio) {
        return SampleStories.request("story-fox", SampleStories.EMBER, scene, attempt, "misty forest", style, ratio);
    }

    static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("decodable PNG").isNotNull();
        return image;
    }

    private static double shareNear(BufferedImage image, int rgb) {
        int near = 0;
        int total = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 255) - ((rgb >> 16) & 255);
                int dg = ((p >> 8) & 255) - ((rgb >> 8) & 255);
                int db = (p & 255) - (rgb & 255);
                if (dr * dr + dg * dg + db * db < 45 * 45) {
                    near++;
                }
                total++;
            }
        }
        return near / (double) total;
    }

    private static double brightness(BufferedImage image) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                int p = image.getRGB(x, y);
                sum += (0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255)) / 255;
                count++;
            }
        }
        return sum / count;
    }
}
