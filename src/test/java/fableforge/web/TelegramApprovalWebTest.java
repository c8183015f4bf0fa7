package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeTelegram;
import fableforge.fake.FakeTelegram.Photo;
import fableforge.store.ImageAttempt;
import fableforge.testing.SlowTest;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.wire.EventPayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approval from a Telegram chat end to end (issue 16), against the fake Bot API, in one app start plus
 * one restart: a drawn story's 20 images reach the chat through a 502 outage and a 429 of sendPhoto, a stranger's
 * press changes nothing, presses in the chat approve 19, reject one with a reason (its redraw comes as
 * version 2, and the old version's button then changes nothing), approve the redraw (each press answered,
 * each message edited) and the browser's event stream sees all_approved; after a restart polling goes
 * on from the kept offset.
 * Slow (about 15 s on two busy cores): two app starts and 20 full-size frames seeded; the Telegram part is ~3 s.
 */
@SlowTest
class TelegramApprovalWebTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path data;

    private final FakeTelegram telegram = new FakeTelegram();
    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        telegram.close();
    }

    private Map<String, String> env() {
        return Map.of(
                "ENABLE_TELEGRAM", "true",
                "TELEGRAM_TOKEN", FakeTelegram.TOKEN,
                "TELEGRAM_CHAT_ID", String.valueOf(FakeTelegram.CHAT_ID),
                "TELEGRAM_API_URL", telegram.url(),
                "TELEGRAM_POLL_TIMEOUT_S", "1",
                "TELEGRAM_RELAY_POLL_MS", "50",
                "TELEGRAM_MAX_BACKOFF_MS", "200");
    }

    @Test
    void imagesReachTheChatThroughAnOutageAndPressesThereApproveTheStory() throws Exception {
        telegram.badGateway("sendPhoto", 3).tooManyRequests("sendPhoto", 1);
        app = TestApp.start(env(), data);
        String id = drawnStoryWithReadyImages();

        await(() -> telegram.photos().size() == 20, "20 photos in the chat");
        assertThat(telegram.calls("sendPhoto")).as("three 502s and a 429 (retry_after 1 s, waited beyond the 200 ms cap), then each photo once")
                .isEqualTo(24);
        List<Photo> photos = telegram.photos().stream().sorted(Comparator.comparing(Photo::caption)).toList();
        for (Photo photo : telegram.photos()) {
            assertThat(photo.encoding()).isEqualTo("multipart");
            assertThat(photo.filename()).matches("scene-\\d\\d-v1\\.png");
            int scene = Integer.parseInt(photo.filename().substring(6, 8));
            assertThat(photo.bytes()).isEqualTo(Files.readAllBytes(data.resolve("media/stories/%s/scene-%02d-a1.png".formatted(id, scene))));
            assertThat(photo.caption()).startsWith("Ember \u2014 Scene " + scene + " of 20\n\n");
            assertThat(photo.buttonTexts()).startsWith("\u2705 Approve", "\u274C Reject").contains("Colours", "Anatomy", "Composition");
            assertThat(photo.buttonData()).first().isEqualTo("a:" + id + ":" + scene + ":1");
        }
        assertThat(photos).hasSize(20);
        await(() -> health().get("backlog").asLong() == 0, "backlog 0");
        assertThat(health().get("sent").asLong()).isEqualTo(20);
        assertThat(health().get("last_error").isNull()).isTrue();

        try (SseClient browser = app.streamEvents(id)) {
            Photo first = photoOf(1);
            String strangerQuery = telegram.press(first, first.buttonData().get(0), FakeTelegram.STRANGER_CHAT_ID);
            telegram.message(FakeTelegram.STRANGER_CHAT_ID, "approve everything please");
            await(() -> health().get("ignored").asLong() == 2, "the stranger's press and message ignored");
            assertThat(latest(id, 1).status()).isEqualTo(ImageStatus.PENDING_APPROVAL);
            assertThat(telegram.answers()).noneMatch(answer -> answer.queryId().equals(strangerQuery));
            assertThat(telegram.photos().get(first.messageId() - 1).caption()).isEqualTo(first.caption());

            for (int scene = 1; scene <= 19; scene++) {
                Photo photo = photoOf(scene);
                telegram.press(photo, photo.buttonData().get(0), FakeTelegram.CHAT_ID);
            }
            Photo last = photoOf(20);
            assertThat(last.buttonData().get(2)).isEqualTo("r:colours:" + id + ":20:1");
            telegram.press(last, last.buttonData().get(2), FakeTelegram.CHAT_ID);
            await(() -> telegram.photos().stream().anyMatch(photo -> photo.filename().equals("scene-20-v2.png")), "the redraw sent");
            Photo redrawn = telegram.photos().stream().filter(photo -> photo.filename().equals("scene-20-v2.png")).findFirst().orElseThrow();
            assertThat(redrawn.caption()).startsWith("Ember \u2014 Scene 20 of 20 (version 2)\n\n");
            assertThat(redrawn.buttonData().get(0)).isEqualTo("a:" + id + ":20:2");
            telegram.press(last, "a:" + id + ":20:1", FakeTelegram.CHAT_ID);
            await(() -> telegram.answers().size() == 21, "19 approvals, the rejection and the press on the replaced version answered");
            telegram.press(redrawn, redrawn.buttonData().get(0), FakeTelegram.CHAT_ID);
            await(() -> telegram.answers().size() == 22, "the approval of the redraw answered");
            browser.awaitEvent("all_approved", WAIT);
            assertThat(browser.count("approval_update")).as("20 approvals, a rejection and its regeneration").isEqualTo(22);
        }
        List<String> answers = telegram.answers().stream().map(FakeTelegram.Answer::text).toList();
        assertThat(answers).filteredOn(text -> text.startsWith("Approved (")).hasSize(20).contains("Approved (20/20 approved)");
        assertThat(answers).contains("Rejected (colours): drawing version 2", "Version 1 was replaced by version 2; nothing changed.");
        assertThat(latest(id, 20).prompt()).as("the colours fix went into the redraw's prompt").contains("colours and markings");
        await(() -> telegram.photos().stream().filter(photo -> !photo.filename().equals("scene-20-v1.png"))
                .allMatch(photo -> photo.caption().contains("\u2705 Approved")), "every caption edited");
        assertThat(photoOf(20).caption()).contains("\u274C Rejected (colours): drawing version 2");
        assertThat(telegram.photos()).allSatisfy(photo -> assertThat(photo.buttonData()).isEmpty());
        assertThat(app.get("/story/" + id).get("status").asText()).isEqualTo("all_approved");
        await(() -> telegram.texts().size() == 1, "the summary");
        assertThat(telegram.texts().get(0)).startsWith("All 20 images of Ember's story are approved.");

        Photo again = photoOf(2);
        telegram.press(again, again.buttonData().isEmpty() ? "a:" + id + ":2:1" : again.buttonData().get(0), FakeTelegram.CHAT_ID);
        await(() -> telegram.answers().size() == 23, "the second press on a decided image answered");
        assertThat(telegram.answers().get(22).text()).isEqualTo("Already approved; nothing changed.");
        long handled = health().get("updates").asLong();

        app.close();
        List<Long> before = telegram.offsets();
        long kept = before.get(before.size() - 1);
        telegram.press(again, "r:" + id + ":3:1", FakeTelegram.CHAT_ID);
        app = TestApp.start(env(), data);
        await(() -> telegram.answers().size() == 24, "a press made while the app was down answered after the restart");
        assertThat(telegram.answers().get(23).text()).isEqualTo("Already approved; nothing changed.");
        // Replayed updates would have come in the same poll before the new press: by the time it is counted, they would be too.
        await(() -> health().get("updates").asLong() >= 1, "the new press counted");
        assertThat(health().get("updates").asLong()).as("after the restart only the new press was read (handled before: " + handled + ")")
                .isEqualTo(1);
        List<Long> after = telegram.offsets().subList(before.size(), telegram.offsets().size());
        assertThat(kept).isGreaterThan(500_000_000L);
        assertThat(after).as("every poll after the restart starts from the kept offset, none from 0").isNotEmpty()
                .allMatch(offset -> offset >= kept);
        assertThat(telegram.photos()).as("nothing sent twice after the restart").hasSize(21);
    }

    /** A story whose 20 images are drawn and wait for approval, with an image_ready event per scene as the image worker logs it. */
    private String drawnStoryWithReadyImages() {
        String id = ApprovedStories.seedDrawn(app, data);
        ImageRepository images = new ImageRepository(app.server().database().jdbi(), Clock.systemUTC());
        for (ImageAttempt attempt : images.latest(id).values()) {
            app.server().events().emit(id, new EventPayload.ImageReady(attempt.scene(), attempt.url(), ImageStatus.PENDING_APPROVAL.wire(),
                    attempt.attempt(), attempt.prompt(), attempt.prompt(), null, fableforge.media.MediaUrls.ROOT.ofKey(fableforge.media.Thumbnails.keyOf(attempt.mediaKey()))), "image:" + attempt.scene() + ":" + attempt.attempt());
        }
        return id;
    }

    private Photo photoOf(int scene) {
        return telegram.photos().stream().filter(photo -> photo.filename().equals("scene-%02d-v1.png".formatted(scene))).findFirst()
                .orElseThrow();
    }

    private ImageAttempt latest(String id, int scene) {
        return new ImageRepository(app.server().database().jdbi(), Clock.systemUTC()).latest(id).get(scene);
    }

    private JsonNode health() throws Exception {
        return app.get("/health").get("providers").get("telegram");
    }

    private static void await(Check condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
