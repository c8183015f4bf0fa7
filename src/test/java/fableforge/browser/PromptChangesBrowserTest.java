package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The offline provider refuses prompts holding OFFLINE_REFUSED_WORDS; the card of a scene drawn from
 * a changed prompt says so and, opened, shows the words removed (struck through) and added.
 */
class PromptChangesBrowserTest extends BrowserTest {

    /** The refused word sits late in a long scene, so the first shortened retry drops it. */
    private static final String SCENE_WITH_HARPOON = "Juniper waits on the ice at the edge of the frozen lake while the north wind "
            + "howls through the pines and the stars come out one by one above the sleeping village and the old mill. "
            + "Far below, a fisherman mends his nets by lantern light. In his boat lies a rusty harpoon.";
    private static final String OWN_PROMPT = "Style: watercolour storybook illustration.\nJuniper fights the tide at dawn, small but stubborn.";

    @Override
    Map<String, String> env() {
        return Map.of("OFFLINE_LATENCY_MS", "100", "IMAGE_MAX_CONCURRENT", "4",
                "OFFLINE_REFUSED_WORDS", "harpoon,fights", "IMAGE_RETRY_BASE_MS", "1");
    }

    @Test
    void aCardShowsHowItsPromptWasChangedBeforeDrawingVersionByVersion() throws Exception {
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.writeStory("Juniper");
        studio.editScene(2, SCENE_WITH_HARPOON);
        studio.approveScenes();
        studio.waitForAllImages();

        Locator changes = studio.card(2).locator(".prompt-changes");
        assertThat(changes).isVisible();
        assertThat(changes.locator("summary")).hasText("Prompt changed before drawing");
        assertThat(studio.card(1).locator(".prompt-changes")).hasCount(0);
        assertThat(changes.locator(".diff")).isHidden();

        changes.locator("summary").click();
        Locator struck = changes.locator(".diff del", new Locator.LocatorOptions().setHasText("harpoon"));
        assertThat(struck).isVisible();
        assertThat(struck).containsText("removed:"); // hidden from sight, read by screen readers
        assertThat(struck.evaluate("node => getComputedStyle(node).textDecorationLine")).isEqualTo("line-through");
        JsonNode image = new StoryApi(baseUrl()).story(studio.storyId()).get("images").get("2");
        assertThat(image.get("final_prompt").asText()).doesNotContain("harpoon");
        screenshotCard(2, "prompt-changed-desktop");

        // A prompt the user writes for a redraw is sanitized after its refusal: "fights" becomes "challenges".
        studio.rejectWithPrompt(2, OWN_PROMPT);
        studio.assertRedrawnForReview(2);
        Locator second = studio.card(2).locator(".prompt-changes");
        second.locator("summary").click();
        assertThat(second.locator(".diff del")).hasText("removed: fights");
        assertThat(second.locator(".diff ins")).hasText("added: challenges");
        assertThat(second.locator(".diff ins").evaluate("node => getComputedStyle(node).textDecorationLine")).isEqualTo("underline");
        screenshotCard(2, "prompt-changed-redraw");

        studio.card(2).getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Scene 2: previous version")).click();
        Locator first = studio.card(2).locator(".prompt-changes");
        first.locator("summary").click();
        assertThat(first.locator(".diff del", new Locator.LocatorOptions().setHasText("harpoon"))).isVisible();
        assertThat(first.locator(".diff ins", new Locator.LocatorOptions().setHasText("challenges"))).hasCount(0);

        page.setViewportSize(390, 844);
        Object width = page.evaluate("document.scrollingElement.scrollWidth");
        assertThat(((Number) width).intValue()).as("scroll width at 390 px").isLessThanOrEqualTo(390);
        screenshotCard(2, "prompt-changed-phone");
    }

    private void screenshotCard(int n, String name) {
        new StudioPage(page).card(n).scrollIntoViewIfNeeded();
        Path path = SCREENSHOTS.resolve(name + ".png");
        new StudioPage(page).card(n).screenshot(new Locator.ScreenshotOptions().setPath(path));
    }
}
