package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.story.AspectRatio;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Captions wrap inside the safe area, at most two lines a page, and lose no word. */
class CaptionLayoutTest {

    private static final String TEXT = "Whenever Ember came near, the other foxes found something cruel to say. "
            + "\"Come back when you're bigger,\" they sniggered, \"if you ever are.\" And it was always because she was "
            + "the smallest fox in the whole pack. But every legend begins with someone the world overlooked.";

    @Test
    void linesFitInsideThePortraitSafeAreaAndPagesHoldAtMostTwoLines() {
        FrameSize size = FrameSize.of(AspectRatio.PORTRAIT);
        CaptionLayout layout = new CaptionLayout(size);
        SafeArea safe = SafeArea.of(size);

        List<List<String>> pages = layout.pages(TEXT);

        assertThat(pages).allSatisfy(page -> assertThat(page).hasSizeBetween(1, 2));
        pages.stream().flatMap(List::stream).forEach(line -> assertThat(layout.width(line))
                .as(line).isLessThanOrEqualTo(safe.right(size) - safe.left(size)));
        String joined = String.join(" ", pages.stream().flatMap(List::stream).toList());
        assertThat(joined).isEqualTo(TEXT.replaceAll("\\s+", " ").strip());
    }

    @Test
    void captionTextIsLargeEnoughToReadOnAPhone() {
        assertThat(CaptionLayout.fontSize(FrameSize.of(AspectRatio.PORTRAIT))).isGreaterThanOrEqualTo(50f);
        assertThat(CaptionLayout.fontSize(FrameSize.of(AspectRatio.LANDSCAPE))).isGreaterThanOrEqualTo(50f);
    }

    @Test
    void theOverlayStaysInsideTheSafeAreaAtFullAndDraftSize() {
        CaptionLayout layout = new CaptionLayout(FrameSize.of(AspectRatio.PORTRAIT));
        for (RenderQuality quality : RenderQuality.values()) {
            FrameSize size = quality.frameSize(AspectRatio.PORTRAIT);
            SafeArea safe = SafeArea.of(size);
            for (List<String> page : layout.pages(TEXT)) {
                CaptionOverlay overlay = CaptionOverlay.draw(page, layout, size);
                assertThat(overlay.top()).as("below the top UI").isGreaterThanOrEqualTo((int) safe.topEdge(size));
                assertThat(overlay.bottom()).as("above the bottom fifth").isLessThanOrEqualTo((int) Math.ceil(safe.bottomEdge(size)) + 2);
                assertThat(overlay.left()).isGreaterThanOrEqualTo((int) safe.left(size) - 1);
                assertThat(overlay.right()).isLessThanOrEqualTo((int) Math.ceil(safe.right(size)) + 2);
            }
        }
    }
}
