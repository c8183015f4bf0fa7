package fableforge.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.auth.Caller;
import fableforge.pipeline.StoryJson;
import fableforge.failure.UserFacingException;
import fableforge.pipeline.StoryPlan;
import fableforge.pipeline.StoryPlanner;
import fableforge.provider.ProviderException;
import fableforge.quiz.InvalidQuizException;
import fableforge.quiz.QuizValidator;
import fableforge.quiz.ValidatedQuiz;
import fableforge.spend.Spending;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.store.NewStory;
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.store.StoryStatus;
import fableforge.story.Beat;
import fableforge.story.Scene;
import fableforge.text.SafeText;
import fableforge.wire.Answers;
import fableforge.wire.EventPayload;
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

/** The web flow of a story: submit the quiz, approve the scenes (which queues their images). */
public final class Studio {

    private static final Logger LOG = LoggerFactory.getLogger(Studio.class);
    static final int MAX_SCENE_CHARS = 2_000;
    static final int MAX_PROMPT_CHARS = 4_000;

    private final QuizValidator validator;
    private final StoryPlanner planner;
    private final StoryRepository stories;
    private final ImageRepository images;
    private final ImageQueue jobs;
    private final StoryLookup lookup;
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
                  ImageQueue jobs, StoryEvents events, ObjectMapper mapper, Spending spending, boolean paidStoryWriter) {
        this.spending = spending;
        this.paidStoryWriter = paidStoryWriter;
        this.validator = validator;
        this.planner = planner;
        this.stories = stories;
        this.images = images;
        this.jobs = jobs;
        this.lookup = new StoryLookup(stories);
        this.events = events;
        this.mapper = mapper;
    }

    /** Validates the answers, writes the 20 scenes and stores the story. */
    public Answers.Submitted submit(Caller caller, JsonNode answers) throws InvalidQuizException, ProviderException {
        ValidatedQuiz quiz = validator.validate(answers);
        SpendCheck.within(() -> spending.allowStory(caller.userId(), paidStoryWriter));
        String storyId = newStoryId();
        long seed = random.nextLong() & Long.MAX_VALUE;
        StoryPlan plan = planner.draft(storyId, quiz.answers(), seed);
        List<SceneRow> rows = new ArrayList<>();
        for (int i = 0; i < plan.scenes().size(); i++) {
            Scene scene = plan.scenes().get(i);
            rows.add(new SceneRow(scene.number(), scene.beat().id(), scene.text(), plan.prompts().get(i), false, scene.narration()));
        }
        stories.create(new NewStory(storyId, json(plan.answers().values()), seed, json(plan.hero()), plan.bible().text(),
                plan.context().setting(), plan.context().visualStyle(), plan.context().aspectRatio().label(), rows,
                caller.ownerOfNewStory()));
        events.emit(storyId, new EventPayload.StoryCreated(storyId, plan.hero().name(), plan.hero().species(), plan.context().setting(),
                plan.context().visualStyle(), plan.context().aspectRatio().label()), "story_created");
        LOG.info("[SUBMIT] story={} hero={} animal={}", storyId, plan.hero().name(), plan.hero().species());
        return new Answers.Submitted(storyId, plan.scenes().stream().map(Scene::text).toList(),
                plan.scenes().stream().map(scene -> scene.beat().id()).toList(), StoryJson.character(plan.hero()),
                StoryStatus.SCENES_READY.wire(), spending.costOf(storyId, plan.context().aspectRatio(), true),
                quiz.warnings().isEmpty() ? null : List.copyOf(quiz.warnings()), plan.scenes().stream().map(Scene::narration).toList());
    }

    /** Saves the user's edits, rebuilds the prompts and starts the 20 image jobs. */
    public Answers.ScenesApproved approveScenes(Caller caller, String storyId, List<String> texts) {
        return approveScenes(caller, storyId, texts, Optional.empty());
    }

    /** As above, with the user's edited narration lines (20) when sent; else the stored lines are kept. */
    public Answers.ScenesApproved approveScenes(Caller caller, String storyId, List<String> texts, Optional<List<String>> narration) {
        lookup.require(caller, storyId); // 404 before the texts are even looked at; the record is read again under the lock
        narration.ifPresent(NarrationLines::check);
        if (texts.size() != Beat.TOTAL_SCENES) {
            throw new UserFacingException(UserFacingException.Kind.BAD_REQUEST, "scenes must hold exactly 20 texts, got " + texts.size());
        }
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                throw new UserFacingException(UserFacingException.Kind.BAD_REQUEST, "scene " + (i + 1) + " is empty; write what happens in it");
            }
            // Control characters and bidi overrides would reach the captions, the SRT and the FCPXML.
            Optional<String> unsafe = SafeText.problem("scene " + (i + 1), text, SafeText.Lines.MULTI);
            if (unsafe.isPresent()) {
                throw new UserFacingException(UserFacingException.Kind.BAD_REQUEST, unsafe.get());
            }
            if (text.length() > MAX_SCENE_CHARS) {
                throw new UserFacingException(UserFacingException.Kind.BAD_REQUEST, "scene " + (i + 1) + " is " + text.length()
                        + " characters; keep it under " + MAX_SCENE_CHARS);
            }
        }
        // A double click on one node waits here instead of paying for the prompts twice; across nodes the
        // conditional status change below still lets only one approval through.
        Lock approval = approvals[Math.floorMod(storyId.hashCode(), approvals.length)];
        approval.lock();
        try {
            return approveScenes(caller, lookup.require(caller, storyId), texts, narration);
        } finally {
            approval.unlock();
        }
    }

    private Answers.ScenesApproved approveScenes(Caller caller, StoryRecord record, List<String> texts, Optional<List<String>> narration) {
        String storyId = record.storyId();
        if (record.status() != StoryStatus.SCENES_READY) {
            return approvedBefore(record, texts);
        }
        StoredStory story = new StoredStory(record, mapper);
        List<String> lines = NarrationLines.approved(narration, record.scenes(), texts, story.context().aspectRatio());
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            scenes.add(Scene.of(i + 1, texts.get(i).strip(), lines.get(i)));
        }
        List<String> prompts = planner.promptsFor(storyId, scenes, story.bible(), story.context());
        List<SceneRow> rows = new ArrayList<>();
        for (Scene scene : scenes) {
            SceneRow old = record.scenes().get(scene.number() - 1);
            rows.add(new SceneRow(scene.number(), scene.beat().id(), scene.text(), prompts.get(scene.number() - 1),
                    old.edited() || !old.text().equals(scene.text()) || old.narration() != null && !old.narration().equals(scene.narration()),
                    scene.narration()));
        }
        // Exactly one winner: the conditional status change, the scenes, the 20 attempts and their spend
        // reservation are one transaction. Of six identical requests at once, one moves the status on;
        // the others change nothing and get the idempotent answer below. A refused reservation (402)
        // rolls everything back, so the scenes stay ready for approval.
        List<ImageAttempt> attempts = events.atomically(() -> {
            if (!stories.changeStatus(storyId, StoryStatus.SCENES_READY, StoryStatus.GENERATING)) {
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
            SpendCheck.within(() -> spending.reserveImages(Spending.spenderOf(record.ownerId()), storyId, holds,
                    story.context().aspectRatio()));
            return created;
        });
        if (attempts == null) {
            return approvedBefore(lookup.require(caller, storyId), texts);
        }
        attempts.forEach(attempt -> jobs.submit(storyId, attempt.scene(), attempt.attempt()));
        LOG.info("[APPROVAL] story={} scenes approved, 20 image jobs queued", storyId);
        return new Answers.ScenesApproved(storyId, StoryStatus.GENERATING.wire());
    }

    /** The scenes were approved already: the same texts again is a retry (same answer), other texts a conflict. */
    private Answers.ScenesApproved approvedBefore(StoryRecord record, List<String> texts) {
        List<String> saved = record.scenes().stream().map(SceneRow::text).toList();
        if (saved.equals(texts.stream().map(String::strip).toList())) {
            return new Answers.ScenesApproved(record.storyId(), record.status().wire());
        }
        throw new UserFacingException(UserFacingException.Kind.CONFLICT, "the scenes of this story were already approved with other texts (status "
                + record.status() + "); reject single images to change them");
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
}
