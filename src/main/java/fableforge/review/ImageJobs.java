package fableforge.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.image.ImageOutcome;
import fableforge.image.ImageProducer;
import fableforge.image.ImageProgressListener;
import fableforge.media.MediaUrls;
import fableforge.media.Thumbnails;
import fableforge.job.JobWorker;
import fableforge.job.WorkerSettings;
import fableforge.spend.SpendLedger;
import fableforge.spend.Spending;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.store.JobKey;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.store.StoryStatus;
import fableforge.story.Beat;
import fableforge.studio.ImageQueue;
import fableforge.studio.PromptChanges;
import fableforge.studio.StoredStory;
import fableforge.studio.StoryEvents;
import fableforge.wire.EventPayload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs image attempts as jobs kept in the database: an attempt row in status queued or running is a
 * job not yet done. Any node with a worker claims attempts oldest first, under a lease; when a node
 * dies, its attempts are claimed again once their leases run out. Running one is idempotent (a
 * finished attempt is skipped), and an outcome is stored in one transaction with its events, so an
 * attempt run twice records one image and one event.
 */
public final class ImageJobs implements ImageQueue, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageJobs.class);

    private final StoryRepository stories;
    private final ImageRepository images;
    private final ImageProducer producer;
    private final StoryEvents events;
    private final ObjectMapper mapper;
    private final Optional<JobWorker<JobKey>> worker;
    private final String node;
    private final Spending spending;
    /** Builds the thumbnail's absolute URL in image_ready, as GET /story does (issue 14). */
    private final MediaUrls mediaUrls;

    /**
     * @param maxRunning how many attempts this node draws at once; the others stay queued (and their
     *                   prompts editable) until a slot frees, so this matches the provider's concurrency
     */
    public ImageJobs(StoryRepository stories, ImageRepository images, ImageProducer producer, StoryEvents events,
                     ObjectMapper mapper, int maxRunning, WorkerSettings settings, Spending spending, MediaUrls mediaUrls) {
        this.spending = spending;
        this.mediaUrls = mediaUrls;
        this.stories = stories;
        this.images = images;
        this.producer = producer;
        this.events = events;
        this.mapper = mapper;
        this.worker = settings.worker("image", images.jobs(), this::run, maxRunning);
        this.node = settings.node();
    }

    /** An attempt was queued: a worker on this node starts it as soon as it has a slot; others find it on their next look. */
    @Override
    public void submit(String storyId, int scene, int attempt) {
        worker.ifPresent(JobWorker::wake);
    }

    /** Starts this node's worker, which also takes over the attempts a previous run left unfinished. */
    public void start() {
        worker.ifPresent(JobWorker::start);
    }

    private void run(JobKey job) {
        String storyId = job.storyId();
        int scene = job.scene();
        int attempt = job.number();
        try {
            var row = images.find(storyId, scene, attempt);
            var record = stories.find(storyId);
            if (row.isEmpty() || record.isEmpty() || row.get().finished()) {
                return;
            }
            StoredStory story = new StoredStory(record.get(), mapper);
            try {
                // Checked again as it starts: its reservation may have expired while it waited in the queue.
                spending.keepImage(Spending.spenderOf(record.get().ownerId()), storyId, scene, attempt, story.context().aspectRatio());
            } catch (SpendLedger.SpendLimitReached e) {
                LOG.warn("[ASYNC] story={} scene={} attempt={} not drawn: {}", storyId, scene, attempt, e.getMessage());
                failUndrawn(job, e.getMessage(), e.getMessage());
                return;
            }
            LOG.info("[ASYNC] story={} scene={} attempt={} started", storyId, scene, attempt);
            ImageOutcome outcome = producer.produce(story.task(scene, attempt, row.get().prompt()), ImageProgressListener.NONE);
            // The story's row is locked first, so one story's outcomes are stored one at a time on every
            // node: "story_complete" (or "story_error") always follows the last image's own event.
            events.atomically(() -> {
                stories.lock(storyId);
                if (!images.jobs().holds(job, node)) {
                    LOG.warn("[ASYNC] story={} scene={} attempt={} was taken over by another node; this run's outcome is dropped",
                            storyId, scene, attempt);
                    return null;
                }
                if (record(storyId, scene, attempt, row.get().prompt(), outcome)) {
                    checkComplete(storyId);
                }
                // Its real cost is in the ledger already: the reservation made for it goes.
                spending.settleImage(storyId, scene, attempt);
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // Recorded as failed (the user can try again) rather than left running, where every node
            // would take it up again after its lease and crash the same way.
            LOG.error("[ASYNC] story={} scene={} attempt={} crashed", storyId, scene, attempt, e);
            failUndrawn(job, "internal error: " + e.getMessage(), "internal error");
        }
    }

    /** Records the attempt as failed without an image, and releases its reservation. */
    private void failUndrawn(JobKey job, String text, String publicText) {
        String reason = events.userText(text);
        String publicError = events.userText(publicText);
        String storyId = job.storyId();
        int scene = job.scene();
        int attempt = job.number();
        events.atomically(() -> {
            stories.lock(storyId);
            if (images.jobs().holds(job, node) && images.markFailed(storyId, scene, attempt, reason, 0)) {
                events.emit(storyId, new EventPayload.ImageFailed(scene, attempt, publicError), "image:" + scene + ":" + attempt);
                spending.settleImage(storyId, scene, attempt);
                checkComplete(storyId);
            }
            return null;
        });
    }

    /** Stores the outcome and its event; false if another run of the attempt stored one first. */
    private boolean record(String storyId, int scene, int attempt, String requestedPrompt, ImageOutcome outcome) {
        String dedupe = "image:" + scene + ":" + attempt;
        switch (outcome) {
            case ImageOutcome.Produced produced -> {
                if (!images.markProduced(storyId, scene, attempt, produced.media().url(), produced.media().key(),
                        produced.width(), produced.height(), produced.tries().size(), produced.prompt())) {
                    LOG.info("[ASYNC] story={} scene={} attempt={} was finished by another run; its image {} is not used",
                            storyId, scene, attempt, produced.media().key());
                    return false;
                }
                produced.subject().filter(box -> !box.isEmpty()).ifPresent(box -> images.recordSubject(storyId, scene, attempt, box));
                events.emit(storyId, new EventPayload.ImageReady(scene, produced.media().url(), ImageStatus.PENDING_APPROVAL.wire(), attempt,
                        produced.prompt(), requestedPrompt, PromptChanges.between(requestedPrompt, produced.prompt()),
                        mediaUrls.ofKey(Thumbnails.keyOf(produced.media().key()))), dedupe);
                LOG.info("[APPROVAL] story={} scene={} attempt={} pending_approval ({} tries)", storyId, scene, attempt, produced.tries().size());
                return true;
            }
            case ImageOutcome.Failed failed -> {
                String reason = events.userText(failed.reason());
                if (!images.markFailed(storyId, scene, attempt, reason, failed.tries().size())) {
                    return false;
                }
                events.emit(storyId, new EventPayload.ImageFailed(scene, attempt, reason), dedupe);
                LOG.warn("[ASYNC] story={} scene={} attempt={} failed: {}", storyId, scene, attempt, reason);
                return true;
            }
        }
    }

    /** All 20 scenes have a finished latest attempt: the story's images are done (story_complete once). */
    private void checkComplete(String storyId) {
        Map<Integer, ImageAttempt> latest = images.latest(storyId);
        boolean allFinished = latest.size() == Beat.TOTAL_SCENES && latest.values().stream().allMatch(ImageAttempt::finished);
        if (!allFinished) {
            return;
        }
        int produced = images.countProduced(storyId);
        stories.find(storyId).filter(story -> story.status() == StoryStatus.GENERATING)
                .ifPresent(story -> stories.setStatus(storyId, StoryStatus.IMAGES_READY));
        List<Integer> failed = latest.values().stream().filter(a -> a.status() == ImageStatus.FAILED)
                .map(ImageAttempt::scene).sorted().toList();
        if (!failed.isEmpty()) {
            String attempts = latest.values().stream().filter(a -> a.status() == ImageStatus.FAILED)
                    .map(a -> a.scene() + "." + a.attempt()).sorted().collect(Collectors.joining(","));
            String message = failed.size() + (failed.size() == 1 ? " image" : " images") + " could not be made (scenes "
                    + failed.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "). Press \"Try again\" on each to retry.";
            events.emit(storyId, new EventPayload.StoryError(message, failed), "story_error:" + attempts);
            return;
        }
        events.emit(storyId, new EventPayload.StoryComplete(produced, Beat.TOTAL_SCENES), "story_complete");
    }

    @Override
    public void close() throws InterruptedException {
        if (worker.isPresent()) {
            worker.get().close();
        }
    }
}
