package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * The stream's catch-up read of the story (sent when it connects) is answered only after live events
     * have shown every image: the page keeps what the events showed. Before event_seq, that late answer
     * put images back to "drawing", and with no event left to bring them back the grid stayed at 18/20.
     */
    @Test
    void aStoryReadAnsweredAfterLiveEventsDoesNotUndoThem() throws Exception {
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.writeStory("Quill");
        studio.approveScenes();

        AtomicInteger reads = new AtomicInteger();
        List<Route> held = new ArrayList<>();
        List<APIResponse> answers = new ArrayList<>();
        page.route(Pattern.compile(".*/story/[^/?#]+$"), route -> {
            // After the reload: the page's first read goes through; the stream's catch-up read is answered
            // now, by the server, but handed to the page only later.
            if (!"GET".equals(route.request().method()) || reads.incrementAndGet() != 2) {
                route.resume();
                return;
            }
            Map<String, String> headers = new HashMap<>(route.request().headers());
            headers.remove("if-none-match");
            answers.add(route.fetch(new Route.FetchOptions().setHeaders(headers)));
            held.add(route);
        });
        page.reload();
        assertThat(page.locator("#view-images")).isVisible();
        page.waitForCondition(() -> !held.isEmpty(), new com.microsoft.playwright.Page.WaitForConditionOptions().setTimeout(StudioPage.LONG));
        int drawnWhenRead = new ObjectMapper().readTree(answers.getFirst().body()).get("completed_scenes").asInt();
        assertThat(drawnWhenRead).as("images drawn when the held read was answered").isLessThan(20);

        studio.waitForAllImages();
        page.waitForResponse(response -> response.url().endsWith("/story/" + studio.storyId()),
                () -> held.getFirst().fulfill(new Route.FulfillOptions().setResponse(answers.getFirst())));
        page.evaluate("() => new Promise(resolve => setTimeout(resolve, 300))"); // the page has read the answer

        assertThat(page.locator("#progress-text")).hasText(Pattern.compile("^20 / 20 images"));
        assertThat(page.locator("#gallery li[data-status=pending_approval]")).hasCount(20);
        studio.assertEveryImageRendered();
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
