package fableforge.web;

import fableforge.store.ImageStatus;
import fableforge.store.StoryStatus;
import fableforge.store.VideoStatus;
import fableforge.wire.Answers;
import fableforge.wire.EventPayload;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/meta}: the event names (from the sealed {@link EventPayload} types) and every status
 * (from the store's status enums), so the UI lists none of them itself.
 */
final class Meta {

    static final Answers.Meta ANSWER = new Answers.Meta(EventPayload.names(), new Answers.Statuses(
            Arrays.stream(StoryStatus.values()).map(StoryStatus::wire).toList(),
            Arrays.stream(ImageStatus.values()).map(ImageStatus::wire).toList(),
            EventPayload.ApprovalUpdate.STATUSES,
            Arrays.stream(VideoStatus.values()).map(VideoStatus::wire).toList()));

    private Meta() {
    }
}
