package fableforge.store;

import fableforge.event.StoryEvent;

/** A story event not yet delivered to tracking, with the story's hero name and animal for the row. */
public record OutboxEvent(StoryEvent event, String heroName, String animal) {
}
