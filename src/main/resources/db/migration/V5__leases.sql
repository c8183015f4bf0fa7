-- FableForge store, version 5: several nodes share the work.
--
-- A job (an image attempt or a video render) is claimed by one node for a while: the node's id and
-- the time its lease runs out. The node renews the lease while it works; if it dies, the lease runs
-- out and any node takes the job over. Finishing a job checks the claim, so a node that lost its
-- lease (a long pause) cannot overwrite the work of the node that took over.

ALTER TABLE image_attempt ADD COLUMN claimed_by TEXT;
ALTER TABLE image_attempt ADD COLUMN lease_until BIGINT;

ALTER TABLE video ADD COLUMN claimed_by TEXT;
ALTER TABLE video ADD COLUMN lease_until BIGINT;
-- the last progress the render announced (JSON), so every node can show it, and after a restart too
ALTER TABLE video ADD COLUMN progress_json TEXT;

-- Workers look for work often: only unfinished rows are indexed.
CREATE INDEX unfinished_image_attempts ON image_attempt (queued_at) WHERE status IN ('queued', 'running');
CREATE INDEX unfinished_videos ON video (queued_at) WHERE status IN ('queued', 'running');

-- Work that one node at a time does for everyone (the Google Sheets relay): held by a renewed lease.
CREATE TABLE node_lease (
    name         TEXT    NOT NULL PRIMARY KEY,
    holder       TEXT    NOT NULL,
    lease_until  BIGINT  NOT NULL
);
