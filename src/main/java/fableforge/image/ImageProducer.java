package fableforge.image;

import fableforge.prompt.PromptEscalation;
import fableforge.job.CallGate;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.media.MediaStore;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallPipeline;
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

/**
 * Makes one scene's image end to end through the provider call pipeline: each try through the
 * provider's gate, bounded in time, and stored in the media store (a failed store is a failed try);
 * tries repeated by the retry policy, with sanitized then shortened prompts after content-policy
 * refusals. It always ends with an {@link ImageOutcome}: produced or failed with a reason.
 */
public final class ImageProducer {

    private final ImageGenerator generator;
    private final MediaStore media;
    private final CallPipeline<GeneratedImage> drawing;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final RandomGenerator jitter;
    private final Clock clock;

    public ImageProducer(ImageGenerator generator, MediaStore media, CallGate gate, RetryPolicy retryPolicy,
                         Sleeper sleeper, RandomGenerator jitter, Clock clock) {
        this.generator = generator;
        this.media = media;
        this.drawing = CallPipeline.<GeneratedImage>builder().gate(gate).timeout(retryPolicy.callTimeout()).build();
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.clock = clock;
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
}
