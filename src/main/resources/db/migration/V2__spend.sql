-- FableForge store, version 2: what every paid provider call is estimated to have cost.
-- No foreign key to story: a story's text is paid for before the story row is written.

CREATE TABLE spend (
    story_id    TEXT    NOT NULL,
    stage       TEXT    NOT NULL,
    provider    TEXT    NOT NULL,
    model       TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    -- millionths of a US dollar; NULL when the price table had no price for the call
    usd_micros  BIGINT,
    created_at  BIGINT  NOT NULL
);

CREATE INDEX spend_by_story ON spend (story_id);
CREATE INDEX spend_by_created_at ON spend (created_at);
