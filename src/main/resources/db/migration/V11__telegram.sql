-- FableForge store, version 11: Telegram approval (issue 16, optional; ENABLE_TELEGRAM).
--
-- Images reach the chat from the story event log, like tracking: a story's cursor is the last event
-- seq the Telegram relay has taken (sent, or passed over as not for the chat). A story without a row
-- here has taken nothing. Kept apart from tracking_cursor: each relay moves at its own pace.
CREATE TABLE telegram_cursor (
    story_id    TEXT    NOT NULL PRIMARY KEY REFERENCES story (story_id) ON DELETE CASCADE,
    last_seq    BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- Small named numbers the bot keeps across restarts and nodes:
--   'offset:<bot id>'  the next getUpdates offset (the last update handled + 1), so a restart
--                      neither replays nor drops presses; per bot, so a new token starts afresh;
--   'enabled_since'    epoch ms UTC when the bot first ran on this database: events older than
--                      that (stories made before) are not sent to the chat.
CREATE TABLE telegram_state (
    name        TEXT    NOT NULL PRIMARY KEY,
    value       BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
