-- FableForge store, version 13: where the hero is in each produced image (issue 15, the camera keeps the
-- hero in frame). A box in image pixels, reported by the generator that drew it (the offline illustrator);
-- all four are NULL when the generator did not say (provider images, attempts made before this version),
-- and the video renderer then estimates it from the picture or keeps the camera near the centre.
-- Numbered 13, after telegram's V11 (already applied on databases that ran main), leaving 12 free for
-- the branch beside this one (narration) that also adds a migration.
ALTER TABLE image_attempt ADD COLUMN subject_x INTEGER;
ALTER TABLE image_attempt ADD COLUMN subject_y INTEGER;
ALTER TABLE image_attempt ADD COLUMN subject_width INTEGER;
ALTER TABLE image_attempt ADD COLUMN subject_height INTEGER;
