package fableforge.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.pipeline.StoryPlan;
import fableforge.pipeline.StoryPlanner;
import fableforge.provider.ProviderException;
import fableforge.quiz.InvalidQuizException;
import fableforge.quiz.QuizValidator;
import fableforge.quiz.ValidatedQuiz;
import fableforge.spend.SpendLedger;
import fableforge.spend.Spending;
import fableforge.story.Beat;
import fableforge.story.Scene;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.NewStory;
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.text.SafeText;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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
    public ObjectNode submit(JsonNode answers) throws InvalidQuizException, ProviderException {
        ValidatedQuiz quiz = validator.validate(answers);
        withinSpendLimit(() -> spending.allowStory(paidStoryWriter));
        String storyId = newStoryId();
        long seed = random.nextLong() & Long.MAX_VALUE;
        StoryPlan plan = planner.draft(storyId, quiz.answers(), seed);
        List<SceneRow> rows = new ArrayList<>();
        for (int i = 0; i < plan.scenes().size(); i++) {
            Scene scene = plan.scenes().get(i);
            rows.add(new SceneRow(scene.number(), scene.beat().id(), scene.text(), plan.prompts().get(i), false));
        }
        stories.create(new NewStory(storyId, json(plan.answers().values()), seed, json(plan.hero()), plan.bible().text(),
                plan.context().setting(), plan.context().visualStyle(), plan.context().aspectRatio().label(), rows));
        events.emit(storyId, "story_created", events.data().put("story_id", storyId).put("hero", plan.hero().name())
                .put("animal", plan.hero().species()).put("setting", plan.context().setting())
                .put("visual_style", plan.context().visualStyle()).put("aspect_ratio", plan.context().aspectRatio().label()),
                "story_created");
        LOG.info("[SUBMIT] story={} hero={} animal={}", storyId, plan.hero().name(), plan.hero().species());
        ObjectNode result = mapper.createObjectNode();
        result.put("story_id", storyId);
        var scenes = result.putArray("scenes");
        var beats = result.putArray("beats");
        plan.scenes().forEach(scene -> {
            scenes.add(scene.text());
            beats.add(scene.beat().id());
        });
        result.set("character", mapper.valueToTree(plan.hero()));
        result.put("status", StoryRecord.SCENES_READY);
        result.set("cost", spending.costOf(storyId, plan.context().aspectRatio(), true, mapper));
        if (!quiz.warnings().isEmpty()) {
            var warnings = result.putArray("warnings");
            quiz.warnings().forEach(warnings::add);
        }
        return result;
    }

    /** Saves the user's edits, rebuilds the prompts and starts the 20 image jobs. */
    public ObjectNode approveScenes(String storyId, List<String> texts) {
        StoryRecord record = require(storyId);
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
        if (!StoryRecord.SCENES_READY.equals(record.status())) {
            List<String> saved = record.scenes().stream().map(SceneRow::text).toList();
            if (saved.equals(texts.stream().map(String::strip).toList())) {
                // The same approval again (a retried request): nothing more to do.
                return mapper.createObjectNode().put("story_id", storyId).put("status", record.status());
            }
            throw new StudioException(StudioException.Kind.CONFLICT, "the scenes of this story were already approved with other texts (status " + record.status() + "); reject single images to change them");
        }
        StoredStory story = new StoredStory(record, mapper);
        withinSpendLimit(() -> spending.allowImages(Beat.TOTAL_SCENES, story.context().aspectRatio()));
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
        stories.saveScenes(storyId, rows);
        // Before the status moves on: a retry after a crash here finds scenes_ready, does this again,
        // and the dedupe key keeps the event single.
        events.emit(storyId, "scenes_approved", events.data().put("story_id", storyId)
                .put("edited_scenes", rows.stream().filter(SceneRow::edited).count()), "scenes_approved");
        stories.setStatus(storyId, StoryRecord.GENERATING);
        for (SceneRow row : rows) {
            ImageAttempt attempt = images.createAttempt(storyId, row.number(), row.prompt());
            jobs.submit(storyId, row.number(), attempt.attempt());
        }
        LOG.info("[APPROVAL] story={} scenes approved, 20 image jobs queued", storyId);
        return mapper.createObjectNode().put("story_id", storyId).put("status", StoryRecord.GENERATING);
    }

    /** Approves an image, or rejects it and queues a new attempt (with the user's prompt or a targeted fix). */
    public ObjectNode decideImage(String storyId, int sceneNumber, ImageDecision decision) {
        StoryRecord record = require(storyId);
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

    private ObjectNode approve(StoryRecord record, int scene, int attempt) {
        String storyId = record.storyId();
        if (!images.approve(storyId, scene, attempt)) {
            throw new StudioException(StudioException.Kind.CONFLICT, "scene " + scene + " has no finished image as version "
                    + attempt + " to approve; wait for it to be drawn");
        }
        int approved = images.countApproved(storyId);
        LOG.info("[APPROVAL] story={} scene={} attempt={} approved ({}/20)", storyId, scene, attempt, approved);
        events.emit(storyId, "approval_update", events.data().put("scene_number", scene).put("status", "approved")
                .put("attempt", attempt).put("approved_count", approved), "approve:" + scene + ":" + attempt);
        if (approved == Beat.TOTAL_SCENES) {
            stories.setStatus(storyId, StoryRecord.ALL_APPROVED);
            // Keyed by the approved versions: re-approving after a later rejection announces again.
            String versions = images.attempts(storyId).stream().filter(a -> ImageAttempt.APPROVED.equals(a.status()))
                    .map(a -> a.scene() + "." + a.attempt()).collect(java.util.stream.Collectors.joining(","));
            events.emit(storyId, "all_approved", events.data().put("story_id", storyId), "all_approved:" + versions);
            LOG.info("[APPROVAL] story={} all images approved", storyId);
        }
        return result(storyId, scene, "approved", attempt, approved);
    }

    private ObjectNode reject(StoryRecord record, ImageAttempt latest, ImageDecision decision) {
        String storyId = record.storyId();
        int scene = latest.scene();
        boolean failed = ImageAttempt.FAILED.equals(latest.status());
        withinSpendLimit(() -> spending.allowImages(1, new StoredStory(record, mapper).context().aspectRatio()));
        String prompt = decision.prompt()
                .orElseGet(() -> decision.reason().map(reason -> reason.fix(latest.prompt())).orElse(latest.prompt()));
        // One transaction under the story's lock: no worker (on any node) can see the new attempt, and
        // so finish it, before the story is back to "generating".
        record Regeneration(ImageAttempt next, int approved) {
        }
        Regeneration regeneration = events.atomically(() -> {
            stories.lock(storyId);
            // A failed image has nothing to reject: "reject" then simply means "try again".
            if (!failed && !images.reject(storyId, scene, latest.attempt(), decision.reason().map(RejectReason::id).orElse(null))) {
                throw new StudioException(StudioException.Kind.CONFLICT, "image " + scene + " is still being made; wait for it before rejecting");
            }
            ImageAttempt next = images.createAttempt(storyId, scene, prompt);
            if (StoryRecord.ALL_APPROVED.equals(record.status()) || StoryRecord.IMAGES_READY.equals(record.status())) {
                stories.setStatus(storyId, StoryRecord.GENERATING);
            }
            int approved = images.countApproved(storyId);
            if (!failed) {
                events.emit(storyId, "approval_update", events.data().put("scene_number", scene).put("status", "rejected")
                        .put("attempt", latest.attempt()).put("approved_count", approved), "reject:" + scene + ":" + latest.attempt());
            }
            events.emit(storyId, "approval_update", events.data().put("scene_number", scene).put("status", "regenerating")
                    .put("attempt", next.attempt()).put("approved_count", approved), "regenerate:" + scene + ":" + next.attempt());
            return new Regeneration(next, approved);
        });
        ImageAttempt next = regeneration.next();
        int approved = regeneration.approved();
        LOG.info("[APPROVAL] story={} scene={} rejected, regenerating as attempt {}", storyId, scene, next.attempt());
        jobs.submit(storyId, scene, next.attempt());
        ObjectNode result = result(storyId, scene, "regenerating", next.attempt(), approved);
        if (decision.applyToPending() && decision.reason().isPresent()) {
            result.put("applied_to_pending", applyToPending(storyId, scene, decision.reason().get()));
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

    private ObjectNode result(String storyId, int scene, String status, int attempt, int approved) {
        return mapper.createObjectNode().put("story_id", storyId).put("scene_number", scene).put("status", status)
                .put("attempt", attempt).put("approved_count", approved);
    }

    StoryRecord require(String storyId) {
        return stories.find(storyId).orElseThrow(() ->
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
