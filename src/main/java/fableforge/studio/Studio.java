package fableforge.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.auth.Caller;
import fableforge.pipeline.StoryPlan;
import fableforge.pipeline.StoryPlanner;
import fableforge.provider.ProviderException;
import fableforge.quiz.InvalidQuizException;
import fableforge.quiz.QuizValidator;
import fableforge.quiz.ValidatedQuiz;
import fableforge.review.ImageDecision;
import fableforge.review.ImageJobs;
import fableforge.review.RejectReason;
import fableforge.spend.SpendLedger;
import fableforge.spend.Spending;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.NewStory;
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.story.Beat;
import fableforge.story.Scene;
import fableforge.text.SafeText;
import fableforge.wire.Answers;
import fableforge.wire.EventPayload;
import fableforge.wire.EventPayload.ApprovalUpdate;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The web flow of a story: submit the quiz, approve the scenes, decide on each image. */
public final class Studio {

    private static final Logger LOG = LoggerFactory.getLogger(Studio.class);
    static final int MAX_SCENE_CHARS = 2_000;
    static final int MAX_PROMPT_CHARS = 4_000;

    private final QuizValidator validator;
    private final StoryPlanner planner;
    private final StoryRepository stories;
    private final ImageRepository images;
    private final ImageJobs jobs;
    private final StoryEvents events;
    private final ObjectMapper mapper;
    private final Spending spending;
    private final boolean paidStoryWriter;
    private final SecureRandom random = new SecureRandom();
    private final Lock[] approvals = IntStream.range(0, 64).mapToObj(i -> new ReentrantLock()).toArray(Lock[]::new);

    /**
     * @param paidStoryWriter whether writing a story calls a remote (possibly paid) provider, so the
     *                        daily spend limit applies to it
     */
    public Studio(QuizValidator validator, StoryPlanner planner, StoryRepository stories, ImageRepository images,
                  ImageJobs jobs, StoryEvents events, ObjectMapper mapper, Spending spending, boolean paidStoryWriter) {
        this.spending = spending;
        this.paidStoryWriter = paidStoryWriter;
        this.validator = validator;
        this.planner = planner;
        this.stories = stories;
        this.images = images;
        this.jobs = jobs;
        this.events = events;
        this.mapper = mapper;
    }

    /** Validates the answers, writes the 20 scenes and stores the story. */
    public Answers.Submitted submit(Caller caller, JsonNode answers) throws InvalidQuizException, ProviderException {
        ValidatedQuiz quiz = validator.validate(answers);
        withinSpendLimit(() -> spending.allowStory(caller.userId(), paidStoryWriter));
        String storyId = newStoryId();
        long seed = random.nextLong() & Long.MAX_VALUE;
        StoryPlan plan = planner.draft(storyId, quiz.answers(), seed);
        List<SceneRow> rows = new ArrayList<>();
        for (int i = 0; i < plan.scenes().size(); i++) {
            Scene scene = plan.scenes().get(i);
            rows.add(new SceneRow(scene.number(), scene.beat().id(), scene.text(), plan.prompts().get(i), false));
        }
        stories.create(new NewStory(storyId, json(plan.answers().values()), seed, json(plan.hero()), plan.bible().text(),
                plan.context().setting(), plan.context().visualStyle(), plan.context().aspectRatio().label(), rows,
                caller.ownerOfNewStory()));
        events.emit(storyId, new EventPayload.StoryCreated(storyId, plan.hero().name(), plan.hero().species(), plan.context().setting(),
                plan.context().visualStyle(), plan.context().aspectRatio().label()), "story_created");
        LOG.info("[SUBMIT] story={} hero={} animal={}", storyId, plan.hero().name(), plan.hero().species());
        return new Answers.Submitted(storyId, plan.scenes().stream().map(Scene::text).toList(),
                plan.scenes().stream().map(scene -> scene.beat().id()).toList(), StoredStory.character(plan.hero()),
                StoryRecord.SCENES_READY, spending.costOf(storyId, plan.context().aspectRatio(), true),
                quiz.warnings().isEmpty() ? null : List.copyOf(quiz.warnings()));
    }

    /** Saves the user's edits, rebuilds the prompts and starts the 20 image jobs. */
    public Answers.ScenesApproved approveScenes(Caller caller, String storyId, List<String> texts) {
        require(caller, storyId); // 404 before the texts are even looked at; the record is read again under the lock
        if (texts.size() != Beat.TOTAL_SCENES) {
            throw new StudioException(StudioException.Kind.BAD_REQUEST, "scenes must hold exactly 20 texts, got " + texts.size());
        }
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                throw new StudioException(StudioException.Kind.BAD_REQUEST, "scene " + (i + 1) + " is empty; write what happens in it");
            }
            // Control characters and bidi overrides would reach the captions, the SRT and the FCPXML.
            Optional<String> unsafe = SafeText.problem("scene " + (i + 1), text, SafeText.Lines.MULTI);
            if (unsafe.isPresent()) {
                throw new StudioException(StudioException.Kind.BAD_REQUEST, unsafe.get());
            }
            if (text.length() > MAX_SCENE_CHARS) {
                throw new StudioException(StudioException.Kind.BAD_REQUEST, "scene " + (i + 1) + " is " + text.length()
                        + " characters; keep it under " + MAX_SCENE_CHARS);
            }
        }
        // A double click on one node waits here instead of paying for the prompts twice; across nodes the
        // conditional status change below still lets only one approval through.
        Lock approval = approvals[Math.floorMod(storyId.hashCode(), approvals.length)];
        approval.lock();
        try {
            return approveScenes(caller, require(caller, storyId), texts);
        } finally {
            approval.unlock();
        }
    }

    private Answers.ScenesApproved approveScenes(Caller caller, StoryRecord record, List<String> texts) {
        String storyId = record.storyId();
        if (!StoryRecord.SCENES_READY.equals(record.status())) {
            return approvedBefore(record, texts);
        }
        StoredStory story = new StoredStory(record, mapper);
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            scenes.add(Scene.of(i + 1, texts.get(i).strip()));
        }
        List<String> prompts = planner.promptsFor(storyId, scenes, story.bible(), story.context());
        List<SceneRow> rows = new ArrayList<>();
        for (Scene scene : scenes) {
            SceneRow old = record.scenes().get(scene.number() - 1);
            rows.add(new SceneRow(scene.number(), scene.beat().id(), scene.text(), prompts.get(scene.number() - 1),
                    old.edited() || !old.text().equals(scene.text())));
        }
        // Exactly one winner: the conditional status change, the scenes, the 20 attempts and their spend
        // reservation are one transaction. Of six identical requests at once, one moves the status on;
        // the others change nothing and get the idempotent answer below. A refused reservation (402)
        // rolls everything back, so the scenes stay ready for approval.
        List<ImageAttempt> attempts = events.atomically(() -> {
            if (!stories.changeStatus(storyId, StoryRecord.SCENES_READY, StoryRecord.GENERATING)) {
                return null;
            }
            stories.saveScenes(storyId, rows);
            events.emit(storyId, new EventPayload.ScenesApproved(storyId, rows.stream().filter(SceneRow::edited).count()), "scenes_approved");
            List<ImageAttempt> created = new ArrayList<>();
            Map<Integer, Integer> holds = new LinkedHashMap<>();
            for (SceneRow row : rows) {
                ImageAttempt attempt = images.createAttempt(storyId, row.number(), row.prompt());
                created.add(attempt);
                holds.put(row.number(), attempt.attempt());
            }
            withinSpendLimit(() -> spending.reserveImages(Spending.spenderOf(record.ownerId()), storyId, holds,
                    story.context().aspectRatio()));
            return created;
        });
        if (attempts == null) {
            return approvedBefore(require(caller, storyId), texts);
        }
        attempts.forEach(attempt -> jobs.submit(storyId, attempt.scene(), attempt.attempt()));
        LOG.info("[APPROVAL] story={} scenes approved, 20 image jobs queued", storyId);
        return new Answers.ScenesApproved(storyId, StoryRecord.GENERATING);
    }

    /** The scenes were approved already: the same texts again is a retry (same answer), other texts a conflict. */
    private Answers.ScenesApproved approvedBefore(StoryRecord record, List<String> texts) {
        List<String> saved = record.scenes().stream().map(SceneRow::text).toList();
        if (saved.equals(texts.stream().map(String::strip).toList())) {
            return new Answers.ScenesApproved(record.storyId(), record.status());
        }
        throw new StudioException(StudioException.Kind.CONFLICT, "the scenes of this story were already approved with other texts (status "
                + record.status() + "); reject single images to change them");
    }

    /** Approves an image, or rejects it and queues a new attempt (with the user's prompt or a targeted fix). */
    public Answers.ImageDecided decideImage(Caller caller, String storyId, int sceneNumber, ImageDecision decision) {
        StoryRecord record = require(caller, storyId);
        if (sceneNumber < 1 || sceneNumber > Beat.TOTAL_SCENES) {
            throw new StudioException(StudioException.Kind.BAD_REQUEST, "scene number must be 1 to 20, got " + sceneNumber);
        }
        ImageAttempt latest = images.latest(storyId).get(sceneNumber);
        if (latest == null) {
            throw new StudioException(StudioException.Kind.CONFLICT, "scene " + sceneNumber + " has no image yet; approve the scenes first");
        }
        return decision.approve()
                ? approve(record, sceneNumber, decision.attempt().orElse(latest.attempt()))
                : reject(record, latest, decision);
    }

    private Answers.ImageDecided approve(StoryRecord record, int scene, int attempt) {
        String storyId = record.storyId();
        if (!images.approve(storyId, scene, attempt)) {
            throw new StudioException(StudioException.Kind.CONFLICT, "scene " + scene + " has no finished image as version "
                    + attempt + " to approve; wait for it to be drawn");
        }
        int approved = images.countApproved(storyId);
        LOG.info("[APPROVAL] story={} scene={} attempt={} approved ({}/20)", storyId, scene, attempt, approved);
        events.emit(storyId, new ApprovalUpdate(scene, ApprovalUpdate.APPROVED, attempt, approved), "approve:" + scene + ":" + attempt);
        if (approved == Beat.TOTAL_SCENES) {
            stories.setStatus(storyId, StoryRecord.ALL_APPROVED);
            // Keyed by the approved versions: re-approving after a later rejection announces again.
            String versions = images.attempts(storyId).stream().filter(a -> ImageAttempt.APPROVED.equals(a.status()))
                    .map(a -> a.scene() + "." + a.attempt()).collect(java.util.stream.Collectors.joining(","));
            events.emit(storyId, new EventPayload.AllApproved(storyId), "all_approved:" + versions);
            LOG.info("[APPROVAL] story={} all images approved", storyId);
        }
        return result(storyId, scene, ApprovalUpdate.APPROVED, attempt, approved);
    }

    private Answers.ImageDecided reject(StoryRecord record, ImageAttempt latest, ImageDecision decision) {
        String storyId = record.storyId();
        int scene = latest.scene();
        boolean failed = ImageAttempt.FAILED.equals(latest.status());
        boolean redrawing = latest.attempt() > 1 && (ImageAttempt.QUEUED.equals(latest.status()) || ImageAttempt.RUNNING.equals(latest.status()));
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
                throw new StudioException(StudioException.Kind.CONFLICT, "image " + scene + " is still being made; wait for it before rejecting");
            }
            ImageAttempt next = images.createAttempt(storyId, scene, prompt);
            withinSpendLimit(() -> spending.reserveImages(Spending.spenderOf(record.ownerId()), storyId, Map.of(scene, next.attempt()),
                    new StoredStory(record, mapper).context().aspectRatio()));
            if (StoryRecord.ALL_APPROVED.equals(record.status()) || StoryRecord.IMAGES_READY.equals(record.status())) {
                stories.setStatus(storyId, StoryRecord.GENERATING);
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
            return result(storyId, scene, next.finished() ? next.status() : ApprovalUpdate.REGENERATING, next.attempt(), approved);
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
            if (queued.scene() != rejectedScene && ImageAttempt.QUEUED.equals(queued.status())
                    && images.updateQueuedPrompt(storyId, queued.scene(), queued.attempt(), reason.fix(queued.prompt()))) {
                applied++;
            }
        }
        LOG.info("[APPROVAL] story={} fix '{}' applied to {} scenes not yet drawn", storyId, reason.id(), applied);
        return applied;
    }

    private static void withinSpendLimit(SpendCheck check) {
        try {
            check.run();
        } catch (SpendLedger.SpendLimitReached e) {
            throw new StudioException(StudioException.Kind.SPEND_LIMIT, e.getMessage());
        }
    }

    private interface SpendCheck {
        void run() throws SpendLedger.SpendLimitReached;
    }

    private static Answers.ImageDecided result(String storyId, int scene, String status, int attempt, int approved) {
        return new Answers.ImageDecided(storyId, scene, status, attempt, approved, null);
    }

    /** The story, if it exists and the caller may see it: someone else's story is "not found", never "forbidden". */
    StoryRecord require(Caller caller, String storyId) {
        return stories.find(storyId).filter(story -> caller.mayAccess(story.ownerId())).orElseThrow(() ->
                new StudioException(StudioException.Kind.NOT_FOUND, "no story with id '" + abbreviate(storyId) + "'"));
    }

    private String newStoryId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
