package fableforge.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import fableforge.spend.Spending;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.store.StoryStatus;
import fableforge.story.Beat;
import fableforge.studio.SpendCheck;
import fableforge.studio.StoredStory;
import fableforge.studio.StoryEvents;
import fableforge.studio.StoryLookup;
import fableforge.wire.Answers;
import fableforge.wire.EventPayload.ApprovalUpdate;
import fableforge.wire.EventPayload;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The user's decisions on a story's images: approve a version, or reject one and have it drawn again. */
public final class ImageReview {

    private static final Logger LOG = LoggerFactory.getLogger(ImageReview.class);

    private final StoryRepository stories;
    private final ImageRepository images;
    private final ImageJobs jobs;
    private final StoryEvents events;
    private final ObjectMapper mapper;
    private final Spending spending;
    private final StoryLookup lookup;

    public ImageReview(StoryRepository stories, ImageRepository images, ImageJobs jobs, StoryEvents events, ObjectMapper mapper,
                       Spending spending) {
        this.stories = stories;
        this.images = images;
        this.jobs = jobs;
        this.events = events;
        this.mapper = mapper;
        this.spending = spending;
        this.lookup = new StoryLookup(stories);
    }

    /** Approves an image, or rejects it and queues a new attempt (with the user's prompt or a targeted fix). */
    public Answers.ImageDecided decideImage(Caller caller, String storyId, int sceneNumber, ImageDecision decision) {
        StoryRecord record = lookup.require(caller, storyId);
        if (sceneNumber < 1 || sceneNumber > Beat.TOTAL_SCENES) {
            throw new UserFacingException(UserFacingException.Kind.BAD_REQUEST, "scene number must be 1 to 20, got " + sceneNumber);
        }
        ImageAttempt latest = images.latest(storyId).get(sceneNumber);
        if (latest == null) {
            throw new UserFacingException(UserFacingException.Kind.CONFLICT, "scene " + sceneNumber + " has no image yet; approve the scenes first");
        }
        return decision.approve()
                ? approve(record, sceneNumber, decision.attempt().orElse(latest.attempt()))
                : reject(record, latest, decision);
    }

    private Answers.ImageDecided approve(StoryRecord record, int scene, int attempt) {
        String storyId = record.storyId();
        if (!images.approve(storyId, scene, attempt)) {
            throw new UserFacingException(UserFacingException.Kind.CONFLICT, "scene " + scene + " has no finished image as version "
                    + attempt + " to approve; wait for it to be drawn");
        }
        int approved = images.countApproved(storyId);
        LOG.info("[APPROVAL] story={} scene={} attempt={} approved ({}/20)", storyId, scene, attempt, approved);
        events.emit(storyId, new ApprovalUpdate(scene, ApprovalUpdate.APPROVED, attempt, approved), "approve:" + scene + ":" + attempt);
        if (approved == Beat.TOTAL_SCENES) {
            stories.setStatus(storyId, StoryStatus.ALL_APPROVED);
            // Keyed by the approved versions: re-approving after a later rejection announces again.
            String versions = images.attempts(storyId).stream().filter(a -> a.status() == ImageStatus.APPROVED)
                    .map(a -> a.scene() + "." + a.attempt()).collect(Collectors.joining(","));
            events.emit(storyId, new EventPayload.AllApproved(storyId), "all_approved:" + versions);
            LOG.info("[APPROVAL] story={} all images approved", storyId);
        }
        return result(storyId, scene, ApprovalUpdate.APPROVED, attempt, approved);
    }

    private Answers.ImageDecided reject(StoryRecord record, ImageAttempt latest, ImageDecision decision) {
        String storyId = record.storyId();
        int scene = latest.scene();
        boolean failed = latest.status() == ImageStatus.FAILED;
        boolean redrawing = latest.attempt() > 1 && (latest.status() == ImageStatus.QUEUED || latest.status() == ImageStatus.RUNNING);
        if (redrawing) {
            // Only a rejection makes a second attempt: this one repeats a rejection whose redraw is under way.
            return result(storyId, scene, ApprovalUpdate.REGENERATING, latest.attempt(), images.countApproved(storyId));
        }
        String prompt = decision.prompt()
                .orElseGet(() -> decision.reason().map(reason -> reason.fix(latest.prompt())).orElse(latest.prompt()));
        // One transaction under the story's lock: no worker (on any node) can see the new attempt, and
        // so finish it, before the story is back to "generating".
        // Exactly one winner per rejected attempt: under the lock, a request that finds a newer attempt
        // than the one it saw lost the race to another request doing the same, and answers its attempt.
        record Regeneration(ImageAttempt next, int approved, boolean won) {
        }
        Regeneration regeneration = events.atomically(() -> {
            stories.lock(storyId);
            ImageAttempt current = images.latest(storyId).get(scene);
            if (current.attempt() != latest.attempt()) {
                return new Regeneration(current, images.countApproved(storyId), false);
            }
            // A failed image has nothing to reject: "reject" then simply means "try again".
            if (!failed && !images.reject(storyId, scene, latest.attempt(), decision.reason().map(RejectReason::id).orElse(null))) {
                throw new UserFacingException(UserFacingException.Kind.CONFLICT, "image " + scene + " is still being made; wait for it before rejecting");
            }
            ImageAttempt next = images.createAttempt(storyId, scene, prompt);
            SpendCheck.within(() -> spending.reserveImages(Spending.spenderOf(record.ownerId()), storyId, Map.of(scene, next.attempt()),
                    new StoredStory(record, mapper).context().aspectRatio()));
            if (record.status() == StoryStatus.ALL_APPROVED || record.status() == StoryStatus.IMAGES_READY) {
                stories.setStatus(storyId, StoryStatus.GENERATING);
            }
            int approved = images.countApproved(storyId);
            if (!failed) {
                events.emit(storyId, new ApprovalUpdate(scene, ApprovalUpdate.REJECTED, latest.attempt(), approved),
                        "reject:" + scene + ":" + latest.attempt());
            }
            events.emit(storyId, new ApprovalUpdate(scene, ApprovalUpdate.REGENERATING, next.attempt(), approved),
                    "regenerate:" + scene + ":" + next.attempt());
            return new Regeneration(next, approved, true);
        });
        ImageAttempt next = regeneration.next();
        int approved = regeneration.approved();
        if (!regeneration.won()) {
            return result(storyId, scene, next.finished() ? next.status().wire() : ApprovalUpdate.REGENERATING, next.attempt(), approved);
        }
        LOG.info("[APPROVAL] story={} scene={} rejected, regenerating as attempt {}", storyId, scene, next.attempt());
        jobs.submit(storyId, scene, next.attempt());
        Answers.ImageDecided result = result(storyId, scene, ApprovalUpdate.REGENERATING, next.attempt(), approved);
        if (decision.applyToPending() && decision.reason().isPresent()) {
            return result.withAppliedToPending(applyToPending(storyId, scene, decision.reason().get()));
        }
        return result;
    }

    /** Adds a rejection's fix to the prompts of the other scenes whose image has not started yet. */
    private int applyToPending(String storyId, int rejectedScene, RejectReason reason) {
        int applied = 0;
        for (ImageAttempt queued : images.latest(storyId).values()) {
            if (queued.scene() != rejectedScene && queued.status() == ImageStatus.QUEUED
                    && images.updateQueuedPrompt(storyId, queued.scene(), queued.attempt(), reason.fix(queued.prompt()))) {
                applied++;
            }
        }
        LOG.info("[APPROVAL] story={} fix '{}' applied to {} scenes not yet drawn", storyId, reason.id(), applied);
        return applied;
    }


    private static Answers.ImageDecided result(String storyId, int scene, String status, int attempt, int approved) {
        return new Answers.ImageDecided(storyId, scene, status, attempt, approved, null);
    }
}
