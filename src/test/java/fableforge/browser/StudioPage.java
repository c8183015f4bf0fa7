package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What a user does in the FableForge web UI, step by step, and what they should see after each step. */
final class StudioPage {

    /** Generous: two CPU cores draw 1080×1920 PNGs while the browser runs. */
    static final double LONG = 60_000;

    final Page page;

    StudioPage(Page page) {
        this.page = page;
    }

    static LocatorAssertions.HasTextOptions within(double ms) {
        return new LocatorAssertions.HasTextOptions().setTimeout(ms);
    }

    void openNewStory() {
        page.navigate("#new");
        assertThat(page.locator("#view-quiz")).isVisible();
        assertThat(page.locator("#q-character_name")).isVisible();
    }

    /** A fox (pill), a setting typed in, the watercolour style (pill), and a name. */
    void answerQuiz(String heroName) {
        page.locator("label[for='q-animal-fox']").click();
        page.locator("#q-setting-other").fill("moonlit harbour");
        page.locator("label[for='q-visual_style-watercolor']").click();
        page.locator("#q-character_name").fill(heroName);
        assertThat(page.locator("#q-animal-fox")).isChecked();
        assertThat(page.locator("#q-visual_style-watercolor")).isChecked();
    }

    void submitQuiz() {
        page.locator("#quiz-submit").click();
    }

    /** Submits the quiz and checks the scenes screen: 20 scene boxes in the 8 beats of the story. */
    void writeStory(String heroName) {
        answerQuiz(heroName);
        submitQuiz();
        assertThat(page.locator("#view-scenes")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(LONG));
        assertThat(page.locator("#scenes-list textarea.scene-text")).hasCount(20);
        assertThat(page.locator("#scenes-list section.beat")).hasCount(8);
        assertThat(page.locator("#scenes-list section.beat").first().locator("h2")).containsText("Underdog setup");
        assertThat(page.locator("#scenes-list section.beat").first().locator("textarea.scene-text")).hasCount(4);
        assertThat(page.locator("#scenes-list section.beat").last().locator("h2")).containsText("Triumph");
        assertThat(page.locator("#scenes-list section.beat").last().locator("textarea.scene-text")).hasCount(1);
        assertThat(page.locator("#scenes-hero")).containsText(heroName);
    }

    void editScene(int n, String text) {
        page.locator("#scene-" + n).fill(text);
    }

    void approveScenes() {
        page.locator("#scenes-submit").click();
        assertThat(page.locator("#view-images")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(LONG));
        assertThat(page.locator("#gallery > li.image-card")).hasCount(20);
    }

    String storyId() {
        String hash = URLDecoder.decode(page.url().replaceFirst("^[^#]*#", ""), StandardCharsets.UTF_8);
        if (!hash.startsWith("story=")) {
            throw new AssertionError("the URL does not name a story: " + page.url());
        }
        return hash.substring("story=".length());
    }

    Locator card(int n) {
        return page.locator("#image-" + n);
    }

    void waitForAllImages() {
        assertThat(page.locator("#progress-text")).hasText(Pattern.compile("^20 / 20 images"), within(LONG));
        assertThat(page.locator("#gallery .media img")).hasCount(20);
    }

    /**
     * Every card's image has really been decoded, as a user scrolling down the grid would see it
     * (the grid's images load lazily, so each card is scrolled into view first).
     */
    void assertEveryImageRendered() {
        for (int n = 1; n <= 20; n++) {
            assertImageRendered(n);
        }
        page.evaluate("window.scrollTo(0, 0)");
    }

    void assertImageRendered(int n) {
        card(n).locator(".media").scrollIntoViewIfNeeded();
        page.waitForFunction("n => { const img = document.querySelector(`#image-${n} .media img`);"
                + " return img != null && img.complete && img.naturalWidth > 0; }", n,
                new Page.WaitForFunctionOptions().setTimeout(LONG));
    }

    void reject(int n, String reason) {
        card(n).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reject").setExact(true)).click();
        Locator form = page.locator("#reject-" + n);
        assertThat(form).isVisible();
        form.locator("input[type=radio][value='" + reason + "']").check();
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Redraw")).click();
    }

    /** Rejects with a prompt of the user's own instead of the one the card offers. */
    void rejectWithPrompt(int n, String prompt) {
        card(n).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Reject\\b"))).click();
        Locator form = page.locator("#reject-" + n);
        assertThat(form).isVisible();
        page.locator("#prompt-" + n).fill(prompt);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Redraw\\b"))).click();
    }

    /** The redrawn image comes back as version 2, ready for review, and it renders. */
    void assertRedrawnForReview(int n) {
        assertThat(card(n).locator(".version-text")).hasText("Version 2 of 2", within(LONG));
        assertThat(card(n)).hasAttribute("data-status", "pending_approval", new LocatorAssertions.HasAttributeOptions().setTimeout(LONG));
        assertThat(card(n).locator(".media img")).hasAttribute("alt", Pattern.compile("version 2$"));
        assertImageRendered(n);
    }

    void approve(int n) {
        card(n).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve").setExact(true)).click();
        assertThat(card(n)).hasAttribute("data-status", "approved");
    }

    /** Rendering a 20-scene, 15 s draft while Chromium runs, on two shared cores. */
    static final double RENDER = 240_000;

    /** The shortest length the UI allows: the flow is checked, not the render (issue 15's length is checked in GenerateVideoCommandTest). */
    static final String SHORTEST_VIDEO_SECONDS = "15";

    /**
     * Keeps every text the video's stage line shows, from the next page load on: a short render may
     * finish between two looks of Playwright, so the progress is checked on this history, not raced.
     */
    void recordVideoStages() {
        page.addInitScript("""
                window.__videoStages = [];
                new MutationObserver(() => {
                  const node = document.getElementById('video-stage');
                  const text = node ? node.textContent : null;
                  if (text && window.__videoStages[window.__videoStages.length - 1] !== text) window.__videoStages.push(text);
                }).observe(document, { childList: true, characterData: true, subtree: true });
                """);
    }

    /** What the stage line showed since {@link #recordVideoStages()} and the last page load. */
    @SuppressWarnings("unchecked")
    java.util.List<String> videoStagesSeen() {
        return (java.util.List<String>) page.evaluate("window.__videoStages");
    }

    /**
     * Chooses a quick 15 s draft with the default clips and narration, presses "Generate video" and
     * sees the render start (its stage line, or already the finished video: a 15 s draft can be quick).
     */
    void generateDraftVideo() {
        Locator panel = page.locator("#video-panel");
        assertThat(panel).isVisible();
        assertThat(panel.locator("#video-title")).hasText("Make the video");
        assertThat(page.locator("#video-clips-local")).isChecked();
        assertThat(page.locator("#video-clips-kling")).isDisabled();
        assertThat(page.locator("label[for='video-clips-kling']")).containsText("not configured");
        assertThat(page.locator("#video-narration-none")).isChecked();
        page.locator("#video-draft").check();
        page.locator("#video-length").fill(SHORTEST_VIDEO_SECONDS);
        page.locator("#video-generate").click();
        assertThat(page.locator("#video-stage, video#video-player").first()).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(LONG));
    }

    /** The finished video is in a player the browser can play, with the four downloads beside it. */
    void assertVideoReady() {
        assertThat(page.locator("#video-title")).hasText("Your video", within(RENDER));
        Locator player = page.locator("video#video-player");
        assertThat(player).hasAttribute("src", Pattern.compile("video-v1\\.mp4$"));
        page.waitForFunction("() => { const v = document.getElementById('video-player');"
                + " return v != null && v.readyState >= 1 && v.duration > 0; }", null, new Page.WaitForFunctionOptions().setTimeout(LONG));
        Locator downloads = page.locator("#video-downloads a[download]");
        assertThat(downloads).hasCount(4);
        assertThat(downloads.nth(0)).hasAttribute("href", Pattern.compile("video-v1\\.mp4$"));
        assertThat(downloads.nth(1)).hasAttribute("href", Pattern.compile("video-v1\\.srt$"));
        assertThat(downloads.nth(2)).hasAttribute("href", Pattern.compile("video-v1\\.fcpxml$"));
        assertThat(downloads.nth(3)).hasAttribute("href", Pattern.compile("video-v1\\.zip$"));
    }

    double videoSeconds() {
        return ((Number) page.evaluate("() => document.getElementById('video-player').duration")).doubleValue();
    }

    void approveAll() {
        for (int n = 1; n <= 20; n++) {
            if (!"approved".equals(card(n).getAttribute("data-status"))) {
                approve(n);
            }
        }
        assertThat(page.locator("#progress-text")).hasText("20 / 20 images · 20 approved");
        assertThat(page.locator("#all-approved")).isVisible();
        assertThat(page.locator("#all-approved")).containsText("All 20 approved");
    }
}
