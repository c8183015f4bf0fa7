package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the UI shows about money, from the `cost` object of the story and submit answers (added here
 * by routing the real answers, as a paid provider's server would send it): the spend, the quote before
 * drawing, redraw prices, a daily limit refusal (HTTP 402) and a billing failure, and nothing at all
 * when everything is free.
 */
class CostBrowserTest extends BrowserTest {

    private static final Pattern SUBMIT = Pattern.compile("/submit$");
    private static final Pattern STORY = Pattern.compile("/story/[0-9a-f]+$");
    private static final Pattern APPROVE_SCENES = Pattern.compile("/approve_scenes$");
    private static final Pattern APPROVE_IMAGE = Pattern.compile("/approve_image/");
    private static final Pattern STREAM = Pattern.compile("/stream\\?");
    private static final String LIMIT = "Daily spending limit of $5.00 reached (spent $5.02 today). Raise SPEND_DAILY_LIMIT_USD or try again tomorrow.";
    private static final String BILLING = "OpenAI says the account is out of credit or at its billing limit: "
            + "You exceeded your current quota, please check your plan and billing details. (after 1 try)";

    private static final String PAID_BEFORE_DRAWING = """
            {"spent_usd": 0.4213, "unpriced_calls": 0,
             "lines": [{"stage": "story", "model": "gpt-4o-mini", "calls": 1, "usd": 0.0012},
                       {"stage": "prompts", "model": "gpt-4o", "calls": 2, "usd": 0.4201}],
             "next_step": {"action": "approve_scenes", "description": "20 images with openai:gpt-image-1 at 1024x1536 medium",
                           "units": 20, "estimate_usd": 1.26},
             "per_image_usd": 0.063, "today_usd": 3.1, "daily_limit_usd": 5.0}""";
    private static final String PAID_WHILE_DRAWING = """
            {"spent_usd": 0.4213, "unpriced_calls": 0,
             "lines": [{"stage": "story", "model": "gpt-4o-mini", "calls": 1, "usd": 0.0012},
                       {"stage": "prompts", "model": "gpt-4o", "calls": 2, "usd": 0.4201}],
             "next_step": null, "per_image_usd": 0.063, "today_usd": 3.1, "daily_limit_usd": 5.0}""";
    private static final String FREE = """
            {"spent_usd": 0, "unpriced_calls": 0, "lines": [],
             "next_step": {"action": "approve_scenes", "description": "20 images with offline-illustrator", "units": 20, "estimate_usd": 0},
             "per_image_usd": 0, "today_usd": 0, "daily_limit_usd": null}""";

    private final ObjectMapper mapper = new ObjectMapper();

    /** Answers of `pattern` get `cost`; with `billingFailure` set, scene 3 reads as failed for lack of credit. */
    private void addCost(Pattern pattern, String cost, AtomicBoolean billingFailure) {
        page.route(pattern, route -> {
            // The page revalidates its story (If-None-Match); this route changes bodies the server never sent,
            // so it asks for the whole body every time and the page takes each rewritten one as new.
            java.util.Map<String, String> headers = new java.util.HashMap<>(route.request().headers());
            headers.remove("if-none-match");
            APIResponse response = route.fetch(new Route.FetchOptions().setHeaders(headers));
            try {
                ObjectNode body = (ObjectNode) mapper.readTree(response.body());
                body.set("cost", mapper.readTree(cost));
                if (billingFailure.get() && body.path("images").has("3")) {
                    failForBilling((ObjectNode) body.get("images").get("3"));
                }
                route.fulfill(new Route.FulfillOptions().setResponse(response).setBody(body.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void failForBilling(ObjectNode image) {
        image.put("status", "failed").putNull("url").put("error", BILLING);
        for (JsonNode attempt : image.get("attempts")) {
            ((ObjectNode) attempt).put("status", "failed").putNull("url").put("error", BILLING);
        }
    }

    private void refuseWithDailyLimit(Pattern pattern) {
        page.route(pattern, route -> route.fulfill(new Route.FulfillOptions().setStatus(402)
                .setContentType("application/json").setBody(mapper.createObjectNode().put("error", LIMIT).toString())));
    }

    @Test
    void aPaidStoryShowsItsSpendTheQuoteAndRedrawPricesAndKeepsEditsAtTheDailyLimit() {
        AtomicBoolean billingFailure = new AtomicBoolean(false);
        page.route(STREAM, Route::abort); // every state comes from the (routed) story answers
        addCost(SUBMIT, PAID_BEFORE_DRAWING, billingFailure);
        addCost(STORY, PAID_WHILE_DRAWING, billingFailure);
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.writeStory("Penny");

        assertThat(page.locator("#scenes-spend summary")).hasText("Spent $0.42");
        assertThat(page.locator("#scenes-submit")).hasText("Approve & draw 20 images · about $1.26");
        assertThat(page.locator("#scenes-quote")).hasText("Estimate for 20 images with openai:gpt-image-1 at 1024x1536 medium. "
                + "Today $3.10 of your $5.00 daily limit.");
        page.locator("#scenes-spend summary").click();
        assertThat(page.locator("#scenes-spend tbody tr")).hasCount(2);
        assertThat(page.locator("#scenes-spend tbody tr").first()).hasText(Pattern.compile("story\\s*gpt-4o-mini\\s*1\\s*under \\$0\\.01"));

        studio.editScene(2, "An edit that must survive the spending limit.");
        refuseWithDailyLimit(APPROVE_SCENES);
        page.locator("#scenes-submit").click();
        assertThat(page.locator("#scenes-error")).hasText(LIMIT);
        assertThat(page.locator("#scenes-error")).hasClass(Pattern.compile("is-blocking"));
        assertThat(page.locator("#view-scenes")).isVisible();
        assertThat(page.locator("#scene-2")).hasValue("An edit that must survive the spending limit.");
        assertThat(page.locator("#scenes-submit")).hasText("Approve & draw 20 images · about $1.26");
        shot(page.locator("#view-scenes .view-head"), "cost-scenes-head");
        shot(page.locator("#scenes-error"), "cost-daily-limit");
        shot(page.locator("#scenes-form .sticky-actions"), "cost-quote");

        page.unroute(APPROVE_SCENES);
        studio.approveScenes();
        assertThat(page.locator("#images-spend summary")).hasText("Spent $0.42");
        studio.waitForAllImages();
        assertThat(studio.card(1).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reject, about $0.06").setExact(true))).isVisible();
        assertThat(studio.card(1).locator(".card-actions .btn-cost")).hasText("about $0.06");

        billingFailure.set(true);
        assertThat(studio.card(3)).hasAttribute("data-status", "failed", new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
        assertThat(studio.card(3).locator(".card-error")).hasText(BILLING);
        assertThat(studio.card(3).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Try again, about $0.06"))).isVisible();

        refuseWithDailyLimit(APPROVE_IMAGE);
        studio.card(1).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Reject"))).click();
        assertThat(page.locator("#reject-1").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Redraw, about $0.06").setExact(true))).isVisible();
        page.locator("#prompt-1").fill("Penny on the pier at night, my own words.");
        page.locator("#reject-1 button[type=submit]").click();
        assertThat(studio.card(1).locator(".card-message")).hasText(LIMIT);
        assertThat(page.locator("#reject-1")).isVisible();
        assertThat(page.locator("#prompt-1")).hasValue("Penny on the pier at night, my own words.");
        shot(page.locator("#view-images .view-head"), "cost-images-head");
        shot(studio.card(1), "cost-card-reject");
        shot(studio.card(3), "cost-card-billing");
    }

    private static void shot(Locator locator, String name) {
        locator.scrollIntoViewIfNeeded();
        locator.screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    @Test
    void aFreeStoryShowsNothingAboutMoney() {
        addCost(SUBMIT, FREE, new AtomicBoolean(false));
        addCost(STORY, FREE, new AtomicBoolean(false));
        StudioPage studio = new StudioPage(page);
        studio.openNewStory();
        studio.writeStory("Free");

        assertThat(page.locator("#scenes-spend")).isHidden();
        assertThat(page.locator("#scenes-quote")).isHidden();
        assertThat(page.locator("#scenes-submit")).hasText("Approve scenes & make images");
        assertThat(page.locator("#view-scenes")).not().containsText("$");

        studio.approveScenes();
        studio.waitForAllImages();
        assertThat(page.locator("#images-spend")).isHidden();
        assertThat(page.locator("#view-images")).not().containsText("$");
        assertThat(studio.card(1).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reject").setExact(true))).isVisible();
    }
}
