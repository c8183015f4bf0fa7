-- FableForge store, version 1: stories and their scenes, every image attempt, the per-story event log.
--
-- Portable SQL: the same file runs on SQLite (embedded, one node) and PostgreSQL (several nodes).
-- Only TEXT, BIGINT and INTEGER columns; booleans are INTEGER 0/1; every timestamp is BIGINT epoch
-- milliseconds UTC (sorts and compares as a number on both databases, no time-zone parsing).

CREATE TABLE story (
    story_id         TEXT    NOT NULL PRIMARY KEY,
    answers_json     TEXT    NOT NULL,
    seed             BIGINT  NOT NULL,
    hero_json        TEXT    NOT NULL,
    hero_name        TEXT    NOT NULL,
    animal           TEXT    NOT NULL,
    character_bible  TEXT    NOT NULL,
    setting          TEXT    NOT NULL,
    visual_style     TEXT    NOT NULL,
    aspect_ratio     TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    -- the last sequence number given to an event of this story; the row is the per-story lock
    last_event_seq   BIGINT  NOT NULL DEFAULT 0,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    CHECK (status IN ('scenes_ready', 'generating', 'images_ready', 'all_approved', 'failed'))
);

CREATE INDEX story_by_created_at ON story (created_at);

CREATE TABLE scene (
    story_id      TEXT     NOT NULL REFERENCES story (story_id) ON DELETE CASCADE,
    scene_number  INTEGER  NOT NULL,
    beat          TEXT     NOT NULL,
    scene_text    TEXT     NOT NULL,
    prompt        TEXT     NOT NULL,
    edited        INTEGER  NOT NULL DEFAULT 0,
    PRIMARY KEY (story_id, scene_number),
    CHECK (edited IN (0, 1))
);

CREATE TABLE image_attempt (
    story_id       TEXT     NOT NULL,
    scene_number   INTEGER  NOT NULL,
    attempt        INTEGER  NOT NULL,
    status         TEXT     NOT NULL,
    prompt         TEXT     NOT NULL,
    final_prompt   TEXT,
    url            TEXT,
    media_key      TEXT,
    width          INTEGER,
    height         INTEGER,
    tries          INTEGER  NOT NULL DEFAULT 0,
    error          TEXT,
    reject_reason  TEXT,
    queued_at      BIGINT   NOT NULL,
    started_at     BIGINT,
    finished_at    BIGINT,
    decided_at     BIGINT,
    PRIMARY KEY (story_id, scene_number, attempt),
    FOREIGN KEY (story_id, scene_number) REFERENCES scene (story_id, scene_number) ON DELETE CASCADE,
    CHECK (status IN ('queued', 'running', 'pending_approval', 'approved', 'rejected', 'failed'))
);

-- At most one approved attempt per scene (partial indexes exist on SQLite and PostgreSQL alike).
CREATE UNIQUE INDEX one_approved_attempt_per_scene
    ON image_attempt (story_id, scene_number) WHERE status = 'approved';

CREATE TABLE story_event (
    story_id    TEXT    NOT NULL REFERENCES story (story_id) ON DELETE CASCADE,
    seq         BIGINT  NOT NULL,
    name        TEXT    NOT NULL,
    data_json   TEXT    NOT NULL,
    -- NULL for events that may repeat; unique per story otherwise (NULLs never collide)
    dedupe_key  TEXT,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (story_id, seq),
    UNIQUE (story_id, dedupe_key)
);
