package fableforge.prompt;

import fableforge.story.AspectRatio;

/** What every prompt of one story shares: where it happens, how it looks, the frame shape. */
public record PromptContext(String setting, String visualStyle, AspectRatio aspectRatio) {
}
