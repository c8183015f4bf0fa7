package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.ViewportSize;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The quiz's checks, hostile text, and the phone layout. */
class QuizBrowserTest extends BrowserTest {

    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private final List<String> submits = new CopyOnWriteArrayList<>();
    private final List<String> dialogs = new CopyOnWriteArrayList<>();

    private void watch(Page page) {
        submits.clear();
        dialogs.clear();
        page.onRequest((Request request) -> {
            if (request.url().endsWith("/submit")) {
                submits.add(request.method());
            }
        });
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
    }

    @Test
    void missingRequiredAnswersAreFlaggedInlineAndNothingIsSent() {
        watch(page);
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        page.locator("#q-character_name").fill("Nobody");
        page.locator("label[for='q-visual_style-anime']").click();
        studio.submitQuiz();

        assertThat(page.locator("#q-animal-error")).hasText("Please choose an answer.");
        assertThat(page.locator("#q-setting-error")).hasText("Please choose an answer.");
        assertThat(page.locator("#q-visual_style-error")).isHidden();
        assertThat(page.locator("#quiz-form-error")).hasText("Please check the highlighted answers.");
        assertThat(page.locator("[data-key=animal] input").first()).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#view-quiz")).isVisible();
        assertThat(submits).as("requests to /submit").isEmpty();

        page.locator("label[for='q-animal-owl']").click();
        assertThat(page.locator("#q-animal-error")).isHidden();
        assertThat(page.locator("#q-setting-error")).hasText("Please choose an answer.");
    }

    @Test
    void theServersPerFieldMessageIsShownInline() {
        watch(page);
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.answerQuiz("Numbers");
        page.locator("#q-animal-other").fill("12345");
        studio.submitQuiz();

        assertThat(page.locator("#q-animal-error")).containsText("must contain words, got '12345'");
        assertThat(page.locator("#q-animal-other")).isFocused();
        assertThat(page.locator("#quiz-form-error")).isVisible();
        assertThat(page.locator("#view-quiz")).isVisible();
        assertThat(submits).containsExactly("POST");
    }

    @Test
    void markupInAHeroNameOrASceneStaysLiteralText() {
        watch(page);
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.answerQuiz(HOSTILE);
        studio.submitQuiz();

        // The server refuses < > in names; its message sits under the field and the typed text is kept as typed.
        assertThat(page.locator("#q-character_name-error")).containsText("must not contain");
        assertThat(page.locator("#q-character_name")).hasValue(HOSTILE);
        assertThat(page.locator("img[src=x]")).hasCount(0);

        page.locator("#q-character_name").fill("Bramble");
        studio.submitQuiz();
        assertThat(page.locator("#view-scenes")).isVisible();
        studio.editScene(1, HOSTILE);
        studio.approveScenes();
        studio.waitForAllImages();

        assertThat(studio.card(1).locator(".scene-copy")).hasText(HOSTILE);
        assertThat(page.locator("img[src=x]")).hasCount(0);
        assertThat(page.locator("#gallery img")).hasCount(20);
        assertThat(dialogs).as("dialogs opened by injected script").isEmpty();
    }

    @Test
    void onAPhoneNoScreenScrollsSideways() {
        try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(new ViewportSize(390, 844)).setIsMobile(true).setHasTouch(true)
                .setDeviceScaleFactor(2).setBaseURL(baseUrl()))) {
            Page page = phone.newPage();
            phone.setDefaultTimeout(20_000);
            StudioPage studio = new StudioPage(page);
            studio.openNewStory();
            assertNoSidewaysScroll(page, "quiz");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-quiz.png")));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-quiz-full.png")).setFullPage(true));

            studio.writeStory("Pip");
            assertNoSidewaysScroll(page, "scenes");
            studio.approveScenes();
            studio.waitForAllImages();
            studio.assertImageRendered(20);
            assertNoSidewaysScroll(page, "images");
            studio.card(1).scrollIntoViewIfNeeded();
            Object gap = page.evaluate("document.getElementById('image-1').getBoundingClientRect().top"
                    + " - document.querySelector('.topbar').getBoundingClientRect().bottom");
            assertThat(((Number) gap).doubleValue()).as("card 1 top below the sticky bar").isGreaterThanOrEqualTo(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-images.png")));
        }
    }

    private static void assertNoSidewaysScroll(Page page, String screen) {
        Object width = page.evaluate("document.scrollingElement.scrollWidth");
        assertThat(((Number) width).intValue()).as("scroll width of the " + screen + " screen at 390 px").isLessThanOrEqualTo(390);
    }
}
