package fableforge.image.offline;

import fableforge.story.AspectRatio;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.story.Beat;
import fableforge.story.Hero;

/** Heroes and requests the illustrator tests draw. */
final class SampleStories {

    static final Hero EMBER = new Hero("Ember", "red fox", new Hero.Colour("russet orange", 0xC8551E),
            new Hero.Colour("cream", 0xF3E6D0), new Hero.Colour("amber", 0xFFB000), "a white star on the forehead",
            "glowing moonstone amulet", "fire", new Hero.Colour("flame orange", 0xFF6A00));

    static final Hero HOOT = new Hero("Hoot", "snowy owl", new Hero.Colour("slate grey", 0x6E7B8B),
            new Hero.Colour("white", 0xF4F4F0), new Hero.Colour("gold", 0xF2C230), "a torn ear tuft",
            "ancient silver key", "ice", new Hero.Colour("ice blue", 0x7FD8FF));

    static final Hero STRIPES = new Hero("Raja", "bengal tiger", new Hero.Colour("tiger orange", 0xE07B22),
            new Hero.Colour("white", 0xF6F1E6), new Hero.Colour("green", 0x5BBF4A), "a scar over one eye",
            "emerald crystal", "lightning", new Hero.Colour("electric violet", 0x9B5CFF));

    private SampleStories() {
    }

    static ImageRequest request(String storyId, Hero hero, int scene, int attempt, String setting, String style,
                                AspectRatio ratio) {
        Beat beat = Beat.ofScene(scene);
        ImageBrief brief = new ImageBrief(scene, beat, hero, setting, style,
                hero.name() + " — " + beat.description(), ratio, 42L);
        return new ImageRequest(storyId, attempt, "prompt", brief);
    }
}
