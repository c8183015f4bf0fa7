package fableforge.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a story stands, in the order a story goes through them (a rejection takes it back to generating). */
public enum StoryStatus {
    /** The 20 scenes are written and wait for the user's edits and approval. */
    SCENES_READY("scenes_ready"),
    /** Images are being drawn. */
    GENERATING("generating"),
    /** Every scene's latest attempt has finished, drawn or failed; some wait for review. */
    IMAGES_READY("images_ready"),
    /** Every scene has an approved image: the video can be made. */
    ALL_APPROVED("all_approved");

    private final String wire;

    StoryStatus(String wire) {
        this.wire = wire;
    }

    /** The name in the database and in JSON (the same strings as before statuses were an enum). */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The wire name, so messages and logs that show a status read as before. */
    @Override
    public String toString() {
        return wire;
    }

    /** The status stored under this name; a name no status has means a broken row, not user input. */
    public static StoryStatus fromWire(String wire) {
        return WireNames.find(StoryStatus.class, StoryStatus::wire, wire, "story");
    }
}
