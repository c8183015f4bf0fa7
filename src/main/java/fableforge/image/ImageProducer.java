package fableforge.image;

import fableforge.prompt.PromptEscalation;
import fableforge.job.CallGate;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.job.TimeLimiter;
import fableforge.media.MediaStore;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Makes one scene's image end to end: through the provider's gate, bounded in time, retried by the
 * retry policy (with sanitized then shortened prompts after content-policy refusals), and stored in
 * the media store. It always ends with an {@link ImageOutcome}: produced or failed with a reason.
 */
public final class ImageProducer {

    private final ImageGenerator generator;
    private final MediaStore media;
    private final CallGate gate;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final RandomGenerator jitter;
    private final Clock clock;

    public ImageProducer(ImageGenerator generator, MediaStore media, CallGate gate, RetryPolicy retryPolicy,
                         Sleeper sleeper, RandomGenerator jitter, Clock clock) {
        this.generator = generator;
        this.media = media;
        this.gate = gate;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.clock = clock;
    }

    public ImageOutcome produce(ImageTask task, ImageProgressListener listener) throws InterruptedException {
        ImageRequest original = task.request();
        List<ImageTry> tries = new ArrayList<>();
        int refusals = 0;
        while (true) {
            int tryNumber = tries.size() + 1;
            String prompt = PromptEscalation.afterRefusals(original.prompt(), refusals);
            ImageRequest request = new ImageRequest(original.storyId(), original.attempt(), prompt, original.brief());
            Instant started = clock.instant();
            try {
                GeneratedImage image = gate.<GeneratedImage, ProviderException>call(() -> TimeLimiter.call(retryPolicy.callTimeout(), () -> generator.generate(request)));
                StoredMedia stored = store(task.mediaKey(), image);
                tries.add(new ImageTry(tryNumber, prompt, Duration.between(started, clock.instant()), Optional.empty()));
                ImageOutcome outcome = new ImageOutcome.Produced(original.sceneNumber(), stored, image.width(), image.height(), prompt, List.copyOf(tries));
                listener.finished(outcome);
                return outcome;
            } catch (ProviderException e) {
                ProviderError error = e.error();
                tries.add(new ImageTry(tryNumber, prompt, Duration.between(started, clock.instant()), Optional.of(error)));
                if (error instanceof ProviderError.PolicyRefusal) {
                    refusals++;
                }
                Optional<Duration> wait = retryPolicy.delayBefore(tryNumber + 1, error, jitter);
                if (wait.isEmpty()) {
                    ImageOutcome outcome = new ImageOutcome.Failed(original.sceneNumber(), error, List.copyOf(tries));
                    listener.finished(outcome);
                    return outcome;
                }
                if (error instanceof ProviderError.RateLimited && error.retryAfter().isPresent()) {
                    gate.pauseFor(error.retryAfter().get());
                }
                listener.retrying(original.sceneNumber(), tryNumber + 1, error, wait.get());
                sleeper.sleep(wait.get());
            }
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
