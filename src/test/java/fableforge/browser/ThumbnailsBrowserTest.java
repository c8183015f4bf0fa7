package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's gallery budget in a real browser: a finished story's gallery, opened afresh, loads the 20
 * thumbnails (made when each image was stored) and at most 2 MB of images in all; a click still opens the
 * full image, and "My stories" shows the thumbnail as the cover. Screenshots in target/screenshots.
 */
class ThumbnailsBrowserTest extends BrowserTest {

    private static final long GALLERY_BUDGET_BYTES = 2_000_000;

    @Test
    void aFinishedStorysGalleryLoadsThumbnailsWithinTheBudgetAndOpensTheFullImage() {
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.writeStory("Pip");
        studio.approveScenes();
        // A hang guard, not a speed check: on a loaded machine 20 drawings with their thumbnails can take minutes.
        assertThat(page.locator("#progress-text")).hasText(java.util.regex.Pattern.compile("^20 / 20 images"), StudioPage.within(420_000));
        studio.approveAll();

        List<Response> images = new CopyOnWriteArrayList<>();
        page.onResponse(response -> {
            if (response.headerValue("content-type") != null && response.headerValue("content-type").startsWith("image/")) {
                images.add(response);
            }
        });
        page.reload();
        studio.assertEveryImageRendered();
        long bytes = 0;
        for (Response image : images) {
            assertThat(image.url()).as("the gallery loads thumbnails only").endsWith(".thumb.jpg");
            bytes += image.body().length;
        }
        System.out.printf("[gallery budget] %d images, %,d bytes%n", images.size(), bytes);
        assertThat(images).hasSizeGreaterThanOrEqualTo(20);
        assertThat(bytes).isLessThanOrEqualTo(GALLERY_BUDGET_BYTES);
        Locator firstImage = studio.card(1).locator(".media img");
        assertThat(firstImage).hasAttribute("width", "480");
        assertThat(firstImage).hasAttribute("height", "853");
        screenshot("thumbnails-gallery");

        studio.card(1).locator(".media-button").click();
        assertThat(page.locator("#viewer")).isVisible();
        assertThat(page.locator("#viewer-img")).hasAttribute("src", java.util.regex.Pattern.compile("scene-01-a1\\.png$"));
        page.waitForFunction("() => { const img = document.querySelector('#viewer-img'); return img.complete && img.naturalWidth === 1080; }");
        screenshot("thumbnails-viewer");
        page.keyboard().press("Escape");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("My stories")).click();
        Locator cover = page.locator("#stories-list a.story-item img.story-thumb").first();
        assertThat(cover).hasAttribute("src", java.util.regex.Pattern.compile("\\.thumb\\.jpg$"));
        page.waitForFunction("() => { const img = document.querySelector('#stories-list img.story-thumb'); return img && img.complete && img.naturalWidth === 480; }");
        screenshot("thumbnails-my-stories");
    }
}
