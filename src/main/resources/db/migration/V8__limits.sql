-- FableForge store, version 8: abuse limits (issue 13).
--
-- spend_reservation: what accepted but unfinished paid work is quoted to cost. The daily caps count
-- spent + reserved, so work accepted at the same moment cannot overshoot them together. A row is
-- removed when its work ends (its real cost is then in spend) and no longer counts after expires_at,
-- so a node that crashed mid-job does not hold the cap forever.
CREATE TABLE spend_reservation (
    reservation_id  TEXT    NOT NULL PRIMARY KEY,
    user_id         TEXT    NOT NULL,
    story_id        TEXT    NOT NULL,
    job_kind        TEXT    NOT NULL,
    -- millionths of a US dollar; 0 when the price is unknown (such work is only accepted below the cap)
    usd_micros      BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL
);

CREATE INDEX spend_reservation_by_user ON spend_reservation (user_id, expires_at);
CREATE INDEX spend_reservation_by_expiry ON spend_reservation (expires_at);

-- One row per thing checked-then-written under a limit (e.g. "spend:2026-12-03", "upload:<user>").
-- A limit check first writes its guard row, which takes that row's lock on PostgreSQL (and the write
-- lock on SQLite) until the transaction ends, so two checks of one limit take turns on every node.
CREATE TABLE limit_guard (
    guard_key  TEXT    NOT NULL PRIMARY KEY,
    touched    BIGINT  NOT NULL
);

-- Music each user uploaded, for the per-user storage quota. The same file (same key) counts once.
CREATE TABLE user_upload (
    user_id     TEXT    NOT NULL,
    media_key   TEXT    NOT NULL,
    size_bytes  BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (user_id, media_key)
);
