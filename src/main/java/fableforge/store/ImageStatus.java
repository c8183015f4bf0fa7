package fableforge.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where one image attempt stands: a job (queued, running), then drawn (pending approval, approved, rejected) or failed. */
public enum ImageStatus {
    QUEUED("queued"),
    RUNNING("running"),
    PENDING_APPROVAL("pending_approval"),
    APPROVED("approved"),
    REJECTED("rejected"),
    FAILED("failed");

    private final String wire;

    ImageStatus(String wire) {
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
    public static ImageStatus fromWire(String wire) {
        return WireNames.find(ImageStatus.class, ImageStatus::wire, wire, "image");
    }
}
