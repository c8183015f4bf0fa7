package fableforge.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.media.MediaStore;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.store.OutboxEvent;
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one event of the log becomes in the chat: a drawn image ({@code image_ready}) its photo with
 * buttons, a story whose images are all approved ({@code all_approved}) the summary; every other event
 * nothing. An image already decided or replaced by the time it would be sent is passed over: its buttons
 * could only be answered "already decided".
 */
final class ChatDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ChatDelivery.class);
    /** Telegram's limit for a photo sent by upload (https://core.telegram.org/bots/api#sendphoto: 10 MB). */
    static final int MAX_PHOTO_BYTES = 10 * 1024 * 1024;

    enum Outcome { SENT, PASSED }

    private final BotApi api;
    private final long chatId;
    private final StoryRepository stories;
    private final ImageRepository images;
    private final MediaStore media;
    private final ObjectMapper mapper;
    private final Optional<URI> publicBaseUrl;
    private final Supplier<Instant> enabledSince;

    /** @param enabledSince events older than this were logged before the bot ran here and are not sent */
    ChatDelivery(BotApi api, long chatId, StoryRepository stories, ImageRepository images, MediaStore media, ObjectMapper mapper,
                 Optional<URI> publicBaseUrl, Supplier<Instant> enabledSince) {
        this.api = api;
        this.chatId = chatId;
        this.stories = stories;
        this.images = images;
        this.media = media;
        this.mapper = mapper;
        this.publicBaseUrl = publicBaseUrl;
        this.enabledSince = enabledSince;
    }

    /**
     * Sends what the event calls for.
     *
     * @throws ProviderException Telegram's refusal or failure; a {@link ProviderError.BadRequest} means this
     *                           event can never be sent (the caller passes over it), anything else is tried again
     */
    Outcome deliver(OutboxEvent outboxEvent) throws ProviderException {
        var event = outboxEvent.event();
        if (event.createdAt().isBefore(enabledSince.get())) {
            return Outcome.PASSED;
        }
        return switch (event.name()) {
            case "image_ready" -> image(event.storyId(), read(event.dataJson()));
            case "all_approved" -> summary(event.storyId());
            default -> Outcome.PASSED;
        };
    }

    /** @param ready the event's data: its {@code scene_number} and {@code attempt} ({@code EventPayload.ImageReady}) */
    private Outcome image(String storyId, JsonNode ready) throws ProviderException {
        int scene = ready.path("scene_number").asInt();
        int attempt = ready.path("attempt").asInt();
        ImageAttempt latest = images.latest(storyId).get(scene);
        Optional<StoryRecord> story = stories.find(storyId);
        if (story.isEmpty() || latest == null || latest.attempt() != attempt || latest.status() != ImageStatus.PENDING_APPROVAL
                || latest.mediaKey() == null) {
            LOG.debug("[TELEGRAM] story={} scene={} attempt={} no longer waits for approval; not sent", storyId, scene, attempt);
            return Outcome.PASSED;
        }
        String text = story.get().scenes().stream().filter(row -> row.number() == scene).map(SceneRow::text).findFirst().orElse("");
        byte[] photo = photo(latest.mediaKey());
        int messageId = api.sendPhoto(chatId, photo, "scene-%02d-v%d.png".formatted(scene, latest.attempt()),
                ChatTexts.caption(story.get().heroName(), scene, latest.attempt(), text),
                ChatTexts.buttons(storyId, scene, latest.attempt()));
        LOG.info("[TELEGRAM] story={} scene={} attempt={} sent to the chat (message {})", storyId, scene, latest.attempt(), messageId);
        return Outcome.SENT;
    }

    private Outcome summary(String storyId) throws ProviderException {
        Optional<StoryRecord> story = stories.find(storyId);
        if (story.isEmpty()) {
            return Outcome.PASSED;
        }
        api.sendMessage(chatId, ChatTexts.summary(story.get().heroName(), storyId, publicBaseUrl));
        return Outcome.SENT;
    }

    /** The image from the media store, at most {@link #MAX_PHOTO_BYTES}: the store failing is tried again, a missing or huge image never. */
    private byte[] photo(String key) throws ProviderException {
        try {
            Optional<InputStream> opened = media.open(key);
            if (opened.isEmpty()) {
                throw new ProviderException(new ProviderError.BadRequest("image " + key + " is not in the media store"));
            }
            try (InputStream in = opened.get()) {
                byte[] bytes = in.readNBytes(MAX_PHOTO_BYTES + 1);
                if (bytes.length > MAX_PHOTO_BYTES) {
                    throw new ProviderException(new ProviderError.BadRequest("image " + key + " is over Telegram's 10 MB photo limit"));
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new ProviderException(new ProviderError.Transient("media store: " + e.getMessage()), e);
        }
    }

    private JsonNode read(String json) throws ProviderException {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProviderException(new ProviderError.BadRequest("unreadable event: " + e.getOriginalMessage()), e);
        }
    }
}
