package fableforge.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Stories and their scenes. A story id that does not exist is never an error when reading. */
public final class StoryRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final Clock clock;

    public StoryRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Stores a new story with status {@code scenes_ready}; fails if the id is taken. */
    public void create(NewStory story) {
        long now = clock.millis();
        JsonNode hero = parse(story.heroJson());
        JsonNode answers = parse(story.answersJson());
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                    INSERT INTO story (story_id, answers_json, seed, hero_json, hero_name, animal, character_bible,
                                       setting, visual_style, aspect_ratio, status, owner_id, created_at, updated_at)
                    VALUES (:storyId, :answersJson, :seed, :heroJson, :heroName, :animal, :characterBible,
                            :setting, :visualStyle, :aspectRatio, :status, :ownerId, :now, :now)""")
                    .bindMethods(story)
                    .bind("heroName", firstText(hero.path("name"), answers.path("character_name")))
                    .bind("animal", firstText(hero.path("species"), answers.path("animal")))
                    .bind("status", StoryStatus.SCENES_READY.wire())
                    .bind("now", now)
                    .execute();
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO scene (story_id, scene_number, beat, scene_text, prompt, edited, narration)
                    VALUES (:storyId, :number, :beat, :text, :prompt, :edited, :narration)""");
            for (SceneRow scene : story.scenes()) {
                bindScene(batch, story.storyId(), scene).add();
            }
            batch.execute();
        });
    }

    public Optional<StoryRecord> find(String storyId) {
        // One statement, so the story and its scenes come from the same snapshot without a
        // transaction (which on SQLite would take the write lock).
        List<StoryAndScene> rows = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT s.*, c.scene_number, c.beat, c.scene_text, c.prompt, c.edited, c.narration
                        FROM story s LEFT JOIN scene c ON c.story_id = s.story_id
                        WHERE s.story_id = :storyId
                        ORDER BY c.scene_number""")
                .bind("storyId", storyId)
                .map((row, context) -> new StoryAndScene(story(row, List.of()), sceneOrNull(row)))
                .list());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        StoryRecord story = rows.getFirst().story();
        List<SceneRow> scenes = rows.stream().map(StoryAndScene::scene).filter(Objects::nonNull).toList();
        return Optional.of(new StoryRecord(story.storyId(), story.answersJson(), story.seed(), story.heroJson(),
                story.heroName(), story.animal(), story.characterBible(), story.setting(), story.visualStyle(),
                story.aspectRatio(), story.status(), story.ownerId(), story.createdAt(), story.updatedAt(), story.eventSeq(), scenes));
    }

    /**
     * Saves the user's edits to the text, prompt and narration line of the given scenes (others are left as they are).
     * A scene is marked edited if the row says so or its text or prompt differs from the stored one;
     * once edited it stays edited. Returns false, changing nothing, if there is no such story.
     *
     * @throws IllegalArgumentException if a scene number is not one of the story's (nothing is saved)
     */
    public boolean saveScenes(String storyId, List<SceneRow> scenes) {
        return jdbi.inTransaction(handle -> {
            if (!Writes.lockStory(handle, storyId)) {
                return false;
            }
            Map<Integer, SceneRow> stored = scenes(handle, storyId).stream()
                    .collect(Collectors.toMap(SceneRow::number, Function.identity()));
            for (SceneRow scene : scenes) {
                SceneRow before = stored.get(scene.number());
                if (before == null) {
                    throw new IllegalArgumentException("story " + storyId + " has no scene " + scene.number());
                }
                boolean edited = before.edited() || scene.edited()
                        || !before.text().equals(scene.text()) || !before.prompt().equals(scene.prompt())
                        || scene.narration() != null && !scene.narration().equals(before.narration());
                // A row without a narration line keeps the stored one.
                handle.createUpdate("""
                        UPDATE scene SET scene_text = :text, prompt = :prompt, edited = :edited,
                            narration = COALESCE(:narration, narration)
                        WHERE story_id = :storyId AND scene_number = :number""")
                        .bind("narration", scene.narration())
                        .bind("storyId", storyId)
                        .bind("number", scene.number())
                        .bind("text", scene.text())
                        .bind("prompt", scene.prompt())
                        .bind("edited", edited ? 1 : 0)
                        .execute();
            }
            touch(handle, storyId);
            return true;
        });
    }

    /**
     * Inside a transaction: waits for and takes the story's lock until the transaction ends, so
     * writers of one story take turns on every node. True if the story exists.
     */
    public boolean lock(String storyId) {
        return jdbi.withHandle(handle -> Writes.lockStory(handle, storyId));
    }

    /** Sets the story's status; false if there is no such story. */
    public boolean setStatus(String storyId, StoryStatus status) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE story SET status = :status, updated_at = :now WHERE story_id = :storyId")
                .bind("storyId", storyId)
                .bind("status", status.wire())
                .bind("now", clock.millis())
                .execute() == 1);
    }

    /**
     * Moves the story from status {@code from} to {@code to} only if it is still in {@code from}: of
     * requests racing to make the same change (on any node), exactly one gets true, the winner.
     */
    public boolean changeStatus(String storyId, StoryStatus from, StoryStatus to) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE story SET status = :to, updated_at = :now WHERE story_id = :storyId AND status = :from")
                .bind("storyId", storyId).bind("from", from.wire()).bind("to", to.wire()).bind("now", clock.millis())
                .execute() == 1);
    }

    /** The newest {@code limit} stories, newest first, with their image progress. */
    public List<StorySummary> list(int limit) {
        return list(Optional.empty(), limit);
    }

    /** The newest stories of one owner (a user id; see {@code Caller}), or of everyone when empty. */
    public List<StorySummary> list(Optional<String> ownerId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        // "latest" = each scene's highest attempt; an approved attempt is always its scene's latest
        // (see ImageRepository), so counting approved attempts counts approved scenes.
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery("""
                        SELECT s.story_id, s.hero_name, s.animal, s.status, s.owner_id, s.created_at, s.updated_at,
                               (SELECT COUNT(*) FROM image_attempt a
                                 WHERE a.story_id = s.story_id
                                   AND a.status IN ('pending_approval', 'approved')
                                   AND a.attempt = (SELECT MAX(b.attempt) FROM image_attempt b
                                                     WHERE b.story_id = a.story_id
                                                       AND b.scene_number = a.scene_number)) AS completed_scenes,
                               (SELECT COUNT(*) FROM image_attempt a
                                 WHERE a.story_id = s.story_id AND a.status = 'approved') AS approved_scenes
                        FROM story s
                        <where>
                        ORDER BY s.created_at DESC, s.story_id
                        LIMIT :limit""".replace("<where>", ownerId.isPresent() ? "WHERE s.owner_id = :ownerId" : ""))
                .bind("limit", limit);
            ownerId.ifPresent(owner -> query.bind("ownerId", owner));
            return query.map((row, context) -> new StorySummary(
                        row.getString("story_id"),
                        row.getString("hero_name"),
                        row.getString("animal"),
                        StoryStatus.fromWire(row.getString("status")),
                        row.getString("owner_id"),
                        Columns.instant(row, "created_at"),
                        Columns.instant(row, "updated_at"),
                        row.getInt("completed_scenes"),
                        row.getInt("approved_scenes")))
                .list();
        });
    }

    /** One row of the story-scene join; {@code scene} is null for a story without scenes. */
    private record StoryAndScene(StoryRecord story, SceneRow scene) {
    }

    private void touch(Handle handle, String storyId) {
        handle.createUpdate("UPDATE story SET updated_at = :now WHERE story_id = :storyId")
                .bind("storyId", storyId)
                .bind("now", clock.millis())
                .execute();
    }

    private static List<SceneRow> scenes(Handle handle, String storyId) {
        return handle.createQuery("""
                        SELECT scene_number, beat, scene_text, prompt, edited, narration FROM scene
                        WHERE story_id = :storyId ORDER BY scene_number""")
                .bind("storyId", storyId)
                .map((row, context) -> sceneOrNull(row))
                .list();
    }

    private static SceneRow sceneOrNull(ResultSet row) throws SQLException {
        int number = row.getInt("scene_number");
        if (row.wasNull()) {
            return null;
        }
        return new SceneRow(number, row.getString("beat"), row.getString("scene_text"), row.getString("prompt"),
                row.getInt("edited") == 1, row.getString("narration"));
    }

    private static StoryRecord story(ResultSet row, List<SceneRow> scenes) throws SQLException {
        return new StoryRecord(
                row.getString("story_id"),
                row.getString("answers_json"),
                row.getLong("seed"),
                row.getString("hero_json"),
                row.getString("hero_name"),
                row.getString("animal"),
                row.getString("character_bible"),
                row.getString("setting"),
                row.getString("visual_style"),
                row.getString("aspect_ratio"),
                StoryStatus.fromWire(row.getString("status")),
                row.getString("owner_id"),
                Columns.instant(row, "created_at"),
                Columns.instant(row, "updated_at"),
                row.getLong("last_event_seq"),
                scenes);
    }

    private static PreparedBatch bindScene(PreparedBatch batch, String storyId, SceneRow scene) {
        return batch.bind("storyId", storyId)
                .bind("number", scene.number())
                .bind("beat", scene.beat())
                .bind("text", scene.text())
                .bind("prompt", scene.prompt())
                .bind("edited", scene.edited() ? 1 : 0)
                .bind("narration", scene.narration());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage(), e);
        }
    }

    /** The hero's name and animal come from the hero document, else from the quiz answers. */
    private static String firstText(JsonNode preferred, JsonNode fallback) {
        return preferred.isTextual() && !preferred.asText().isBlank() ? preferred.asText() : fallback.asText("");
    }

    /** Each story's version for its cached view, read from the same database. */
    public StoryVersions versions() {
        return new StoryVersions(jdbi, clock);
    }
}
