-- FableForge store, version 4: the videos of a story, one row per version (1, 2, …). A row in status
-- queued or running is a render job not yet done; a restart runs it again from the beginning.
-- Portable SQL as in V1: TEXT, BIGINT and INTEGER only, booleans 0/1, epoch milliseconds UTC.

CREATE TABLE video (
    story_id        TEXT     NOT NULL REFERENCES story (story_id) ON DELETE CASCADE,
    version         INTEGER  NOT NULL,
    status          TEXT     NOT NULL,
    -- the options the user chose: clip source, narration, draft (0/1), uploaded music (media key or NULL)
    clips           TEXT     NOT NULL,
    narration       TEXT     NOT NULL,
    draft           INTEGER  NOT NULL,
    music_key       TEXT,
    -- results, once done: media keys and the URLs the media store gave them
    video_key       TEXT,
    video_url       TEXT,
    srt_url         TEXT,
    fcpxml_url      TEXT,
    zip_url         TEXT,
    duration_ms     BIGINT,
    width           INTEGER,
    height          INTEGER,
    size_bytes      BIGINT,
    -- scenes whose clip came from the local camera motion instead of the chosen source: JSON array
    fallbacks_json  TEXT     NOT NULL DEFAULT '[]',
    error           TEXT,
    -- how many times a render of this version was started (a restart starts it again)
    runs            INTEGER  NOT NULL DEFAULT 0,
    queued_at       BIGINT   NOT NULL,
    started_at      BIGINT,
    finished_at     BIGINT,
    PRIMARY KEY (story_id, version),
    CHECK (status IN ('queued', 'running', 'done', 'failed')),
    CHECK (draft IN (0, 1))
);

-- At most one unfinished video per story: a second request while one renders gets that one back.
CREATE UNIQUE INDEX one_unfinished_video_per_story ON video (story_id) WHERE status IN ('queued', 'running');
