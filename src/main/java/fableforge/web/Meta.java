package fableforge.web;

import fableforge.store.ImageAttempt;
import fableforge.store.StoryRecord;
import fableforge.store.VideoRecord;
import fableforge.wire.Answers;
import fableforge.wire.EventPayload;
import java.util.List;

/**
 * {@code GET /api/meta}: the event names (from the sealed {@link EventPayload} types) and every status
 * (from the server's own status constants), so the UI lists none of them itself.
 */
final class Meta {

    static final Answers.Meta ANSWER = new Answers.Meta(EventPayload.names(), new Answers.Statuses(
            List.of(StoryRecord.SCENES_READY, StoryRecord.GENERATING, StoryRecord.IMAGES_READY, StoryRecord.ALL_APPROVED, StoryRecord.FAILED),
            List.of(ImageAttempt.QUEUED, ImageAttempt.RUNNING, ImageAttempt.PENDING_APPROVAL, ImageAttempt.APPROVED, ImageAttempt.REJECTED,
                    ImageAttempt.FAILED),
            EventPayload.ApprovalUpdate.STATUSES,
            List.of(VideoRecord.QUEUED, VideoRecord.RUNNING, VideoRecord.DONE, VideoRecord.FAILED)));

    private Meta() {
    }
}
