package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The whole story flow through the UI: quiz, scene edits, live images, reject and redraw, approve all 20. */
class StoryFlowBrowserTest extends BrowserTest {

    private static final String EDITED = "Juniper counts the harbour lights alone while the other foxes laugh at her.";
    /** Matches the SSE endpoint only, not js/stream.js. */
    private static final Pattern STREAM = Pattern.compile("/stream\\?");

    @Test
    void storyIsWrittenEditedIllustratedLiveReviewedAndApproved() throws Exception {
        recordProgress();
        StudioPage studio = new StudioPage(page);
        studio.recordVideoStages();
        studio.openNewStory();
        studio.writeStory("Juniper");
        studio.editScene(3, EDITED);
        studio.approveScenes();
        String storyId = studio.storyId();

        assertThat(page.locator("#conn")).hasAttribute("data-mode", "live");
        assertThat(page.locator("#conn-text")).hasText("Live");
        studio.waitForAllImages();
        assertThat(progressSeen()).as("progress counts the UI showed while images streamed in")
                .contains("20 / 20 images · 0 approved")
                .filteredOn(text -> text.matches("(\\d|1\\d) / 20 images.*")).hasSizeGreaterThanOrEqualTo(5);
        studio.assertEveryImageRendered();
        assertThat(studio.card(3).locator(".scene-copy")).hasText(EDITED);

        studio.reject(7, "colours");
        studio.assertRedrawnForReview(7);
        studio.approveAll();
        studio.assertEveryImageRendered();
        screenshot("desktop-all-approved");

        JsonNode story = new StoryApi(baseUrl()).story(storyId);
        assertThat(story.get("status").asText()).isEqualTo("all_approved");
        assertThat(story.get("scenes").get(2).get("text").asText()).isEqualTo(EDITED);
        assertThat(story.get("images").get("7").get("attempts")).hasSize(2);
        assertThat(story.get("images").get("7").get("attempt").asInt()).isEqualTo(2);
        assertThat(story.get("images").get("7").get("status").asText()).isEqualTo("approved");

        page.locator("#video-panel").scrollIntoViewIfNeeded();
        page.locator("#video-panel").screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve("desktop-video-options.png")));
        studio.generateDraftVideo();
        screenshotVideoProgressIfStillShown();
        studio.assertVideoReady();
        assertThat(studio.videoStagesSeen()).as("the stage line counted the scenes while the video rendered")
                .anyMatch(text -> text.matches("^Rendering scene \\d+ of 20 · \\d+%$"));
        JsonNode video = new StoryApi(baseUrl()).story(storyId).get("video");
        assertThat(video.get("options").get("length_seconds").asInt()).as("the length typed in the form").isEqualTo(15);
        assertThat(studio.videoSeconds()).isCloseTo(video.get("duration_seconds").asDouble(), org.assertj.core.data.Offset.offset(0.5));
        page.locator("#video-panel").screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve("desktop-video-ready.png")));
        page.setViewportSize(390, 844);
        page.locator("#video-panel").scrollIntoViewIfNeeded();
        page.locator("#video-panel").screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve("mobile-video-ready.png")));
        page.locator("#video-again summary").click();
        assertThat(page.locator("#video-generate")).isVisible();
        page.locator("#video-panel").screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve("mobile-video-another.png")));

        page.reload();
        assertThat(page.locator("#video-title")).hasText("Your video");
        assertThat(page.locator("video#video-player")).hasAttribute("src", Pattern.compile("video-v1\\.mp4$"));
    }

    @Test
    void withTheEventStreamBlockedTheUiPollsAndTheFlowStillCompletes() throws Exception {
        List<String> streamRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.route(STREAM, route -> {
            streamRequests.add(route.request().url());
            route.abort();
        });
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.writeStory("Pollux");
        studio.approveScenes();
        String storyId = studio.storyId();

        assertThat(page.locator("#conn-text")).hasText("Polling every 3 s", StudioPage.within(30_000));
        assertThat(page.locator("#conn")).hasAttribute("data-mode", "polling");
        studio.waitForAllImages();
        studio.assertEveryImageRendered();
        assertPollsKeepImagesAndFocus(studio);

        studio.reject(12, "character");
        studio.assertRedrawnForReview(12);
        studio.approveAll();
        assertThat(page.locator("#conn-text")).hasText("Up to date", StudioPage.within(30_000));
        assertThat(streamRequests).as("the UI tried the event stream before falling back").isNotEmpty();

        JsonNode story = new StoryApi(baseUrl()).story(storyId);
        assertThat(story.get("status").asText()).isEqualTo("all_approved");
        assertThat(story.get("images").get("12").get("attempts")).hasSize(2);
    }

    /**
     * A poll that changes nothing must not rebuild the cards: rebuilt images fade in again on all
     * 20 cards every 3 s, and a rebuilt button takes the keyboard focus away from the user.
     */
    private void assertPollsKeepImagesAndFocus(StudioPage studio) {
        page.evaluate("document.querySelectorAll('#gallery .media img').forEach(img => { img.dataset.kept = 'yes'; })");
        studio.card(4).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve").setExact(true)).focus();
        for (int poll = 0; poll < 2; poll++) {
            page.waitForResponse(response -> response.url().contains("/story/"), () -> { });
        }
        assertThat(page.locator("#gallery .media img[data-kept=yes]")).hasCount(20);
        assertThat(studio.card(4).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve").setExact(true))).isFocused();
    }

    /** The progress screenshot for the docs, when the render has not finished already (it is never a reason to fail). */
    private void screenshotVideoProgressIfStillShown() {
        try {
            page.locator("#video-stage").waitFor(new Locator.WaitForOptions().setTimeout(2_000));
            page.locator("#video-panel").screenshot(new Locator.ScreenshotOptions().setTimeout(5_000)
                    .setPath(SCREENSHOTS.resolve("desktop-video-progress.png")));
        } catch (com.microsoft.playwright.PlaywrightException finishedAlready) {
            // the render finished first: the progress it showed is checked on the stage history instead
        }
    }

    /** Keeps every text the progress line shows, to prove images arrived one by one. */
    private void recordProgress() {
        page.addInitScript("""
                window.__progress = [];
                document.addEventListener('DOMContentLoaded', () => {
                  const node = document.getElementById('progress-text');
                  new MutationObserver(() => {
                    const text = node.textContent;
                    if (window.__progress[window.__progress.length - 1] !== text) window.__progress.push(text);
                  }).observe(node, { childList: true, characterData: true, subtree: true });
                });
                """);
    }

    @SuppressWarnings("unchecked")
    private List<String> progressSeen() {
        return (List<String>) page.evaluate("window.__progress");
    }
}
