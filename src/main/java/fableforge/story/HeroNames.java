package fableforge.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Short, easy-to-narrate names; each family adds a few that suit its kind of animal. */
final class HeroNames {

    private static final List<String> COMMON = List.of(
            "Ember", "Pip", "Nova", "Juniper", "Rowan", "Hazel", "Finn", "Willow", "Sky", "Milo", "Luna", "Bramble", "Sage", "Ollie", "Wren", "Kit");

    private static final Map<AnimalFamily, List<String>> FLAVOURED = Map.of(
            AnimalFamily.CANINE, List.of("Rusty", "Ash", "Blaze", "Scout", "Echo"),
            AnimalFamily.FELINE, List.of("Saffron", "Sunny", "Tigerlily", "Onyx", "Rajah"),
            AnimalFamily.BEAR, List.of("Bruno", "Honey", "Barley", "Ursa"),
            AnimalFamily.SMALL_MAMMAL, List.of("Nibbles", "Thistle", "Acorn", "Button", "Clover"),
            AnimalFamily.BIRD, List.of("Feather", "Skye", "Talon", "Pebble", "Zephyr"),
            AnimalFamily.HOOFED, List.of("Clover", "Dapple", "Starling", "Meadow"),
            AnimalFamily.REPTILE, List.of("Shelly", "Moss", "Sheldon", "Jade"),
            AnimalFamily.AMPHIBIAN, List.of("Bubbles", "Lilypad", "Axel", "Puddle", "Coral"),
            AnimalFamily.SEA_CREATURE, List.of("Marina", "Splash", "Coral", "Finnegan"),
            AnimalFamily.INSECT, List.of("Flit", "Buzz", "Dot", "Glimmer"));

    private HeroNames() {
    }

    static String invent(AnimalFamily family, SplittableRandom random) {
        List<String> pool = new ArrayList<>(COMMON);
        pool.addAll(FLAVOURED.getOrDefault(family, List.of()));
        return pool.get(random.nextInt(pool.size()));
    }
}
