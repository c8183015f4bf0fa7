package fableforge.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the tracking sheet: one story event worth tracking. Columns, in order: time (ISO-8601
 * UTC), story id, event, hero, animal, scene, status, attempt, prompt, image URL, detail, event key.
 *
 * <p>The event key ({@code <story id>#<seq>}) names the event the row came from: delivery is at least
 * once, so after a crash or a lost answer a row can appear twice, and the key tells the copies apart
 * from real repeats (a filter or {@code =UNIQUE} in the sheet removes them).
 */
public record TrackingRow(
        Instant at,
        String storyId,
        long seq,
        String event,
        String hero,
        String animal,
        Integer scene,
        String status,
        Integer attempt,
        String prompt,
        String imageUrl,
        String detail) {

    public static final List<String> HEADERS = List.of("time", "story_id", "event", "hero", "animal", "scene",
            "status", "attempt", "prompt", "image_url", "detail", "event_key");

    public String key() {
        return storyId + "#" + seq;
    }

    /** The cells as the sheet gets them: numbers stay numbers, absent values are empty cells. */
    public List<Object> cells() {
        List<Object> cells = new ArrayList<>(HEADERS.size());
        cells.add(at.toString());
        cells.add(storyId);
        cells.add(event);
        cells.add(text(hero));
        cells.add(text(animal));
        cells.add(scene == null ? "" : scene);
        cells.add(text(status));
        cells.add(attempt == null ? "" : attempt);
        cells.add(text(prompt));
        cells.add(text(imageUrl));
        cells.add(text(detail));
        cells.add(key());
        return cells;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
