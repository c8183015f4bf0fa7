-- FableForge store, version 10 (issue 15): a narration line per scene, a video's length and caption style.
--
-- scene.narration is what is read aloud and shown as captions, beside scene_text (what the image is
-- drawn from). NULL on stories written before narration lines: the line is then derived from the text
-- when the story is read (fableforge.story.NarrationLine), and stored when the user approves the scenes.
ALTER TABLE scene ADD COLUMN narration TEXT;

-- The length the video was asked for in seconds (15..600) and its caption style (phrase, words, none).
-- NULL on videos asked for before: they were paced by each scene's reading time, with phrase captions.
ALTER TABLE video ADD COLUMN length_seconds INTEGER;
ALTER TABLE video ADD COLUMN caption_style TEXT;
