package fableforge.prompt;

import fableforge.story.Hero;

/** Sample heroes for prompt tests. */
public final class TestHeroes {

    private TestHeroes() {
    }

    public static Hero ember() {
        return new Hero("Ember", "fox", new Hero.Colour("russet orange", 0xC8551E), new Hero.Colour("cream", 0xF3E6D0),
                new Hero.Colour("amber", 0xFFB000), "a white star on the forehead", "ancient amulet that glows",
                "the power of fire", new Hero.Colour("flame orange", 0xFF6A00));
    }
}
