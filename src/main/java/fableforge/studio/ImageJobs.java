package fableforge.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.image.ImageOutcome;
import fableforge.image.ImageProducer;
import fableforge.image.ImageProgressListener;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.story.Beat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs image attempts as jobs kept in the database: an attempt row in status queued or running is a
 * job not yet done. Running one is idempotent (a finished attempt is skipped, events carry dedupe
 * keys), so after a crash or restart {@link #resumeUnfinished()} simply runs them all again.
 */
public final class ImageJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageJobs.class);

    private final StoryRepository stories;
    private final ImageRepository images;
    private final ImageProducer producer;
    private final StoryEvents events;
    private final ObjectMapper mapper;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore running;
    private final Map<String, ReentrantLock> storyLocks = new ConcurrentHashMap<>();

    /**
     * @param maxRunning how many attempts may be in progress at once; the others stay queued (and
     *                   their prompts editable) until a slot frees, so this matches the provider's concurrency
     */
    public ImageJobs(StoryRepository stories, ImageRepository images, ImageProducer producer, StoryEvents events,
                     ObjectMapper mapper, int maxRunning) {
        this.running = new Semaphore(maxRunning, true);
        this.stories = stories;
        this.images = images;
        this.producer = producer;
        this.events = events;
        this.mapper = mapper;
    }

    public void submit(String storyId, int scene, int attempt) {
        executor.submit(() -> run(storyId, scene, attempt));
    }

    /** Queues again every attempt a previous process left unfinished. Returns how many. */
    public int resumeUnfinished() {
        var unfinished = images.unfinished();
        unfinished.forEach(attempt -> submit(attempt.storyId(), attempt.scene(), attempt.attempt()));
        if (!unfinished.isEmpty()) {
            LOG.info("[JOBS] resuming {} unfinished image attempts", unfinished.size());
        }
        return unfinished.size();
    }

    void run(String storyId, int scene, int attempt) {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            runNow(storyId, scene, attempt);
        } finally {
            running.release();
        }
    }

    private void runNow(String storyId, int scene, int attempt) {
        try {
            var row = images.find(storyId, scene, attempt);
            var record = stories.find(storyId);
            if (row.isEmpty() || record.isEmpty() || row.get().finished()) {
                return;
            }
            images.markRunning(storyId, scene, attempt);
            StoredStory story = new StoredStory(record.get(), mapper);
            LOG.info("[ASYNC] story={} scene={} attempt={} started", storyId, scene, attempt);
            ImageOutcome outcome = producer.produce(story.task(scene, attempt, row.get().prompt()), ImageProgressListener.NONE);
            // One story's outcomes are recorded one at a time, so "story_complete" (or "story_error")
            // always follows the last image's own event in the log.
            ReentrantLock lock = storyLocks.computeIfAbsent(storyId, id -> new ReentrantLock());
            lock.lock();
            try {
                record(storyId, scene, attempt, row.get().prompt(), outcome);
                checkComplete(storyId);
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("[ASYNC] story={} scene={} attempt={} crashed", storyId, scene, attempt, e);
            images.markFailed(storyId, scene, attempt, "internal error: " + e.getMessage(), 0);
            ObjectNode data = events.data().put("scene_number", scene).put("attempt", attempt).put("error", "internal error");
            events.emit(storyId, "image_failed", data, "image:" + scene + ":" + attempt);
        }
    }

    private void record(String storyId, int scene, int attempt, String requestedPrompt, ImageOutcome outcome) {
        String dedupe = "image:" + scene + ":" + attempt;
        switch (outcome) {
            case ImageOutcome.Produced produced -> {
                images.markProduced(storyId, scene, attempt, produced.media().url(), produced.media().key(),
                        produced.width(), produced.height(), produced.tries().size(), produced.prompt());
                ObjectNode data = events.data().put("scene_number", scene).put("url", produced.media().url())
                        .put("status", ImageAttempt.PENDING_APPROVAL).put("attempt", attempt).put("prompt", produced.prompt());
                PromptChanges.describe(data, requestedPrompt, produced.prompt());
                events.emit(storyId, "image_ready", data, dedupe);
                LOG.info("[APPROVAL] story={} scene={} attempt={} pending_approval ({} tries)", storyId, scene, attempt, produced.tries().size());
            }
            case ImageOutcome.Failed failed -> {
                images.markFailed(storyId, scene, attempt, failed.reason(), failed.tries().size());
                ObjectNode data = events.data().put("scene_number", scene).put("attempt", attempt).put("error", failed.reason());
                events.emit(storyId, "image_failed", data, dedupe);
                LOG.warn("[ASYNC] story={} scene={} attempt={} failed: {}", storyId, scene, attempt, failed.reason());
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
        stories.find(storyId).filter(story -> StoryRecord.GENERATING.equals(story.status()))
                .ifPresent(story -> stories.setStatus(storyId, StoryRecord.IMAGES_READY));
        List<Integer> failed = latest.values().stream().filter(a -> ImageAttempt.FAILED.equals(a.status()))
                .map(ImageAttempt::scene).sorted().toList();
        if (!failed.isEmpty()) {
            String attempts = latest.values().stream().filter(a -> ImageAttempt.FAILED.equals(a.status()))
                    .map(a -> a.scene() + "." + a.attempt()).sorted().collect(Collectors.joining(","));
            ObjectNode error = events.data().put("message", failed.size() + (failed.size() == 1 ? " image" : " images")
                    + " could not be made (scenes " + failed.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "). Press \"Try again\" on each to retry.");
            failed.forEach(error.putArray("failed_scenes")::add);
            events.emit(storyId, "story_error", error, "story_error:" + attempts);
            return;
        }
        ObjectNode data = events.data().put("completed_scenes", produced).put("total_scenes", Beat.TOTAL_SCENES);
        events.emit(storyId, "story_complete", data, "story_complete");
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
