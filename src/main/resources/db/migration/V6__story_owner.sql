-- FableForge store, version 6: every story belongs to its creator.
--
-- The owner is the user id of whoever created the story (accounts, issue 13). Stories made without
-- accounts, and every story older than this version, have no owner: only an admin (or a service
-- without accounts) sees them.
ALTER TABLE story ADD COLUMN owner_id TEXT;
CREATE INDEX story_owner ON story (owner_id, created_at);
