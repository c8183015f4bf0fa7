-- FableForge store, version 3: how far each story's event log has been delivered to tracking
-- (Google Sheets). The event log is the outbox; a story without a row here has delivered nothing.

CREATE TABLE tracking_cursor (
    story_id    TEXT    NOT NULL PRIMARY KEY REFERENCES story (story_id) ON DELETE CASCADE,
    -- the highest event seq of the story that tracking has taken (delivered or skipped as not tracked)
    last_seq    BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
