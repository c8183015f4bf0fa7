package fableforge.image;

import fableforge.prompt.PromptEscalation;
import fableforge.job.CallGate;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.media.MediaStore;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.media.Thumbnails;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallPipeline;
import fableforge.provider.call.ProviderMeters;
import fableforge.provider.call.CallTry;
import fableforge.provider.call.RetryRule;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one scene's image end to end through the provider call pipeline: each try through the
 * provider's gate, bounded in time, and stored in the media store (a failed store is a failed try);
 * tries repeated by the retry policy, with sanitized then shortened prompts after content-policy
 * refusals. It always ends with an {@link ImageOutcome}: produced or failed with a reason.
 */
public final class ImageProducer {

    private static final Logger LOG = LoggerFactory.getLogger(ImageProducer.class);
    private final ImageGenerator generator;
    private final MediaStore media;
    private final CallGate gate;
    private final ProviderMeters meters;
    private final CallPipeline<GeneratedImage> drawing;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final RandomGenerator jitter;
    private final Clock clock;
    private final Optional<Thumbnails> thumbnails;

    public ImageProducer(ImageGenerator generator, MediaStore media, CallGate gate, RetryPolicy retryPolicy,
                         Sleeper sleeper, RandomGenerator jitter, Clock clock) {
        this(generator, media, gate, ProviderMeters.NONE, retryPolicy, sleeper, jitter, clock, Optional.empty());
    }

    private ImageProducer(ImageGenerator generator, MediaStore media, CallGate gate, ProviderMeters meters, RetryPolicy retryPolicy,
                          Sleeper sleeper, RandomGenerator jitter, Clock clock, Optional<Thumbnails> thumbnails) {
        this.thumbnails = thumbnails;
        this.generator = generator;
        this.media = media;
        this.gate = gate;
        this.meters = meters;
        this.drawing = CallPipeline.<GeneratedImage>builder().gate(gate)
                .metered(meters.of(ProviderMeters.providerOf(generator.name()), "image"))
                .timeout(retryPolicy.callTimeout()).build();
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.clock = clock;
    }

    /**
     * This producer also storing each image's thumbnail beside it, for the web's galleries (the command
     * line's folder has none). Shares the gate, retry policy and jitter.
     */
    public ImageProducer withThumbnails(Thumbnails maker) {
        return new ImageProducer(generator, media, gate, meters, retryPolicy, sleeper, jitter, clock, Optional.of(maker));
    }

    /**
     * This producer with each try of drawing counted in {@code meters} (operation {@code image}). Storing is
     * counted by the media store itself ({@code media.MeteredMediaStore}), with every other use of the store.
     */
    public ImageProducer metered(ProviderMeters meters) {
        return new ImageProducer(generator, media, gate, meters, retryPolicy, sleeper, jitter, clock, thumbnails);
    }

    public ImageOutcome produce(ImageTask task, ImageProgressListener listener) throws InterruptedException {
        ImageRequest original = task.request();
        List<ImageTry> tries = new ArrayList<>();
        CallPipeline<ImageOutcome> retrying = CallPipeline.<ImageOutcome>builder()
                .retry(RetryRule.of(retryPolicy, jitter), sleeper,
                        (nextTry, failure, wait) -> listener.retrying(original.sceneNumber(), nextTry, failure.error(), wait))
                .build();
        ImageOutcome outcome;
        try {
            outcome = retrying.call(current -> oneTry(task, current, tries));
        } catch (ProviderException e) {
            outcome = new ImageOutcome.Failed(original.sceneNumber(), e.error(), List.copyOf(tries));
        }
        listener.finished(outcome);
        return outcome;
    }

    /** One try: the prompt escalated after the refusals so far, drawn through gate and time limit, then stored. */
    private ImageOutcome oneTry(ImageTask task, CallTry current, List<ImageTry> tries) throws ProviderException, InterruptedException {
        ImageRequest original = task.request();
        String prompt = PromptEscalation.afterRefusals(original.prompt(), current.count(ProviderError.PolicyRefusal.class));
        ImageRequest request = new ImageRequest(original.storyId(), original.attempt(), prompt, original.brief());
        Instant started = clock.instant();
        try {
            GeneratedImage image = drawing.call(current, ignored -> generator.generate(request));
            StoredMedia stored = store(task.mediaKey(), image);
            thumbnails.ifPresent(maker -> storeThumbnail(maker, task.mediaKey(), image));
            tries.add(new ImageTry(current.number(), prompt, Duration.between(started, clock.instant()), Optional.empty()));
            return new ImageOutcome.Produced(original.sceneNumber(), stored, image.width(), image.height(), prompt, List.copyOf(tries),
                    image.subject());
        } catch (ProviderException e) {
            tries.add(new ImageTry(current.number(), prompt, Duration.between(started, clock.instant()), Optional.of(e.error())));
            throw e;
        }
    }

    private StoredMedia store(String key, GeneratedImage image) throws ProviderException {
        try {
            return media.put(key, image.bytes(), image.contentType());
        } catch (MediaStoreException e) {
            // A wrong media secret fails every store alike: retrying would only draw (and pay for) more images.
            throw new ProviderException(e.error(), e);
        } catch (IOException e) {
            throw new ProviderException(new ProviderError.Transient("could not store the image: " + e.getMessage()), e);
        }
    }

    /** A thumbnail that fails never fails its image: it is made when first asked for (MediaRoutes). */
    private static void storeThumbnail(Thumbnails maker, String key, GeneratedImage image) {
        try {
            if (image.picture().isPresent()) {
                maker.store(key, image.picture().get());
            } else {
                maker.store(key, image.bytes());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("[MEDIA] thumbnail of {} not stored, it will be made on request: {}", key, e.toString());
        }
    }
}
