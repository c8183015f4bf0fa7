package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class StoryRepositoryTest {

    private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(START);
    @Parameter
    Engine engine;

    private TestDatabase store;
    private Database db;
    private StoryRepository stories;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        db = store.database();
        stories = new StoryRepository(db.jdbi(), clock);
    }

    @AfterEach
    void close() {
        if (store != null) { // null when opening failed: that error is the one to see
            store.close();
        }
    }

    @Test
    void createdStoryIsFoundWithEveryFieldAndItsScenesInOrder() {
        NewStory story = TestStories.story("s-1");
        stories.create(story);

        StoryRecord found = stories.find("s-1").orElseThrow();

        assertThat(found.storyId()).isEqualTo("s-1");
        assertThat(found.answersJson()).isEqualTo(story.answersJson());
        assertThat(found.seed()).isEqualTo(42L);
        assertThat(found.heroJson()).isEqualTo(story.heroJson());
        assertThat(found.heroName()).isEqualTo("Pip");
        assertThat(found.animal()).isEqualTo("hedgehog");
        assertThat(found.characterBible()).isEqualTo(story.characterBible());
        assertThat(found.setting()).isEqualTo("a misty forest");
        assertThat(found.visualStyle()).isEqualTo("storybook watercolor");
        assertThat(found.aspectRatio()).isEqualTo("9:16");
        assertThat(found.status()).isEqualTo(StoryStatus.SCENES_READY);
        assertThat(found.createdAt()).isEqualTo(START);
        assertThat(found.updatedAt()).isEqualTo(START);
        assertThat(found.scenes()).isEqualTo(story.scenes());
    }

    @Test
    void scenesComeBackOrderedByNumberWhateverOrderTheyWereGivenIn() {
        NewStory story = TestStories.story("s-1");
        List<SceneRow> reversed = new ArrayList<>(story.scenes());
        java.util.Collections.reverse(reversed);
        stories.create(new NewStory("s-2", story.answersJson(), 1, story.heroJson(), story.characterBible(),
                story.setting(), story.visualStyle(), story.aspectRatio(), reversed));

        assertThat(stories.find("s-2").orElseThrow().scenes()).extracting(SceneRow::number)
                .isSorted().hasSize(20);
    }

    @Test
    void heroNameAndAnimalFallBackToTheQuizAnswersWhenTheHeroDocumentLacksThem() {
        stories.create(TestStories.story("s-1", "{}"));

        StoryRecord found = stories.find("s-1").orElseThrow();
        assertThat(found.heroName()).isEqualTo("Pip");
        assertThat(found.animal()).isEqualTo("hedgehog");
    }

    @Test
    void unknownOrHostileStoryIdsFindNothingAndChangeNothing() {
        stories.create(TestStories.story("s-1"));

        assertThat(stories.find("nope")).isEmpty();
        assertThat(stories.find("")).isEmpty();
        assertThat(stories.find("s-1' OR '1'='1")).isEmpty();
        assertThat(stories.find("s-1'; DROP TABLE story; --")).isEmpty();
        assertThat(stories.setStatus("nope", StoryStatus.GENERATING)).isFalse();
        assertThat(stories.saveScenes("nope", List.of())).isFalse();
        assertThat(stories.find("s-1")).isPresent();
    }

    @Test
    void aSecondStoryWithTheSameIdIsRefused() {
        stories.create(TestStories.story("s-1"));

        assertThatThrownBy(() -> stories.create(TestStories.story("s-1"))).isInstanceOf(JdbiException.class);
        assertThat(stories.list(10)).hasSize(1);
    }

    @Test
    void savedEditsChangeTextAndPromptAndMarkTheChangedScenesEdited() {
        stories.create(TestStories.story("s-1"));
        StoryRecord before = stories.find("s-1").orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        List<SceneRow> edits = new ArrayList<>(before.scenes());
        edits.set(2, new SceneRow(3, "underdog", "Pip hides under a fern.", "Style: storybook. Pip under a fern.", false));
        edits.set(6, new SceneRow(7, "discovery", before.scenes().get(6).text(), before.scenes().get(6).prompt(), true));
        assertThat(stories.saveScenes("s-1", edits)).isTrue();

        StoryRecord after = stories.find("s-1").orElseThrow();
        assertThat(after.scenes().get(2).text()).isEqualTo("Pip hides under a fern.");
        assertThat(after.scenes().get(2).prompt()).isEqualTo("Style: storybook. Pip under a fern.");
        assertThat(after.scenes()).filteredOn(SceneRow::edited).extracting(SceneRow::number).containsExactly(3, 7);
        assertThat(after.updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(after.createdAt()).isEqualTo(START);

        // saving the unchanged scenes again keeps the edited marks
        assertThat(stories.saveScenes("s-1", before.scenes())).isTrue();
        assertThat(stories.find("s-1").orElseThrow().scenes()).filteredOn(SceneRow::edited).hasSize(2);
    }

    @Test
    void anEditOfASceneTheStoryDoesNotHaveSavesNothing() {
        stories.create(TestStories.story("s-1"));
        List<SceneRow> edits = List.of(
                new SceneRow(1, "underdog", "changed", "changed", false),
                new SceneRow(21, "triumph", "extra", "extra", false));

        assertThatThrownBy(() -> stories.saveScenes("s-1", edits)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stories.find("s-1").orElseThrow().scenes().getFirst().text()).isEqualTo("Scene 1 text.");
    }

    @Test
    void statusChangesAreStoredUnderTheirWireNamesAndAnUnknownStoredNameIsRefused() {
        stories.create(TestStories.story("s-1"));
        clock.advance(Duration.ofSeconds(3));

        assertThat(stories.setStatus("s-1", StoryStatus.GENERATING)).isTrue();
        assertThat(stories.find("s-1").orElseThrow().status()).isEqualTo(StoryStatus.GENERATING);
        assertThat(stories.find("s-1").orElseThrow().updatedAt()).isEqualTo(START.plusSeconds(3));
        assertThat(storedStatus("s-1")).as("the database keeps the name it always had").isEqualTo("generating");

        // A name no status has (a row written by hand, or by a newer version) is a broken row, not a status.
        db.jdbi().useHandle(handle -> handle.execute("UPDATE story SET status = 'failed' WHERE story_id = 's-1'"));
        assertThatThrownBy(() -> stories.find("s-1")).hasStackTraceContaining("unknown story status 'failed'");
    }

    private String storedStatus(String storyId) {
        return db.jdbi().withHandle(handle -> handle.createQuery("SELECT status FROM story WHERE story_id = :id")
                .bind("id", storyId).mapTo(String.class).one());
    }

    @Test
    void listShowsTheNewestStoriesFirstWithTheirImageProgress() {
        ImageRepository images = new ImageRepository(db.jdbi(), clock);
        for (String id : List.of("old", "middle", "new")) {
            stories.create(TestStories.story(id));
            clock.advance(Duration.ofMinutes(1));
        }
        produce(images, "middle", 1);
        produce(images, "middle", 2);
        images.approve("middle", 2, 1);
        images.createAttempt("middle", 3, "queued, not produced");

        List<StorySummary> list = stories.list(10);

        assertThat(list).extracting(StorySummary::storyId).containsExactly("new", "middle", "old");
        StorySummary middle = list.get(1);
        assertThat(middle.heroName()).isEqualTo("Pip");
        assertThat(middle.animal()).isEqualTo("hedgehog");
        assertThat(middle.status()).isEqualTo(StoryStatus.SCENES_READY);
        assertThat(middle.createdAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(middle.completedScenes()).isEqualTo(2);
        assertThat(middle.approvedScenes()).isEqualTo(1);
        assertThat(stories.list(2)).extracting(StorySummary::storyId).containsExactly("new", "middle");
        assertThat(stories.list(0)).isEmpty();
    }

    @Test
    void listOfOneOwnerHoldsOnlyTheirStoriesAndTheFullListNamesEveryOwner() {
        stories.create(owned("ann-1", "ann"));
        clock.advance(Duration.ofMinutes(1));
        stories.create(owned("bob-1", "bob"));
        clock.advance(Duration.ofMinutes(1));
        stories.create(TestStories.story("nobody"));

        assertThat(stories.list(java.util.Optional.of("ann"), 10)).extracting(StorySummary::storyId).containsExactly("ann-1");
        assertThat(stories.list(java.util.Optional.of("carol"), 10)).isEmpty();
        assertThat(stories.list(10)).extracting(StorySummary::storyId, StorySummary::ownerId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nobody", null),
                        org.assertj.core.groups.Tuple.tuple("bob-1", "bob"), org.assertj.core.groups.Tuple.tuple("ann-1", "ann"));
        assertThat(stories.find("bob-1").orElseThrow().ownerId()).isEqualTo("bob");
    }

    private static NewStory owned(String storyId, String ownerId) {
        NewStory story = TestStories.story(storyId);
        return new NewStory(story.storyId(), story.answersJson(), story.seed(), story.heroJson(), story.characterBible(),
                story.setting(), story.visualStyle(), story.aspectRatio(), story.scenes(), ownerId);
    }

    private static void produce(ImageRepository images, String storyId, int scene) {
        ImageAttempt attempt = images.createAttempt(storyId, scene, "prompt " + scene);
        images.markProduced(storyId, scene, attempt.attempt(), "/media/" + scene + ".png", scene + ".png",
                1024, 1536, 1, "prompt " + scene);
    }
}
