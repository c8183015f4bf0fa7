package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Leaving and coming back: a reload mid-story, and "My stories". */
class ResumeBrowserTest extends BrowserTest {

    /** Slow enough (about 7 s for 20 images) to reload while images are still being drawn. */
    @Override
    Map<String, String> env() {
        return Map.of("OFFLINE_LATENCY_MS", "700", "IMAGE_MAX_CONCURRENT", "2");
    }

    @Test
    void reloadingMidStoryPicksUpWhereItWas() {
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.writeStory("Marlow");
        studio.approveScenes();
        String storyId = studio.storyId();

        Locator firstReady = page.locator("#gallery li[data-status=pending_approval]").first();
        assertThat(firstReady).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(StudioPage.LONG));
        int approved = Integer.parseInt(firstReady.getAttribute("id").replace("image-", ""));
        studio.approve(approved);
        String before = page.locator("#progress-text").textContent();
        assertThat(before).as("progress when reloading").doesNotStartWith("20 / 20");

        page.reload();

        assertThat(page.locator("#view-images")).isVisible();
        assertThat(studio.storyId()).isEqualTo(storyId);
        assertThat(page.locator("#images-hero")).hasText("Marlow the fox");
        assertThat(studio.card(approved)).hasAttribute("data-status", "approved");
        assertThat(page.locator("#conn-text")).hasText("Live");
        studio.waitForAllImages();
        assertThat(page.locator("#progress-text")).hasText("20 / 20 images · 1 approved");
        studio.assertEveryImageRendered();
        studio.approveAll();
    }

    @Test
    void myStoriesReopensAStoryWithItsUnsavedSceneEdits() {
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.writeStory("Thistle");
        String storyId = studio.storyId();
        studio.editScene(2, "A draft only this browser knows about.");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("New story").setExact(true)).click();
        assertThat(page.locator("#view-quiz")).isVisible();
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("My stories")).click();
        Locator item = page.locator("#stories-list a.story-item", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Thistle"));
        assertThat(item).hasCount(1);
        assertThat(item).containsText("Scenes to review");
        item.click();

        assertThat(page.locator("#view-scenes")).isVisible();
        assertThat(studio.storyId()).isEqualTo(storyId);
        assertThat(page.locator("#scene-2")).hasValue("A draft only this browser knows about.");
        assertThat(page.locator("#scenes-list textarea.scene-text")).hasCount(20);
    }
}
