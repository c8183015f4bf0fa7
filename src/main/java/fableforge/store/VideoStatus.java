package fableforge.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where one version of a story's video stands: a job (queued, running), then done or failed. */
public enum VideoStatus {
    QUEUED("queued"),
    RUNNING("running"),
    DONE("done"),
    FAILED("failed");

    private final String wire;

    VideoStatus(String wire) {
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
    public static VideoStatus fromWire(String wire) {
        return WireNames.find(VideoStatus.class, VideoStatus::wire, wire, "video");
    }
}
