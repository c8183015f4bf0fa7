package fableforge.story.offline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The words one story is written with. Fixed facts (the hero's name, the landmark) have one value;
 * flavour entries (ways the power goes wrong, ambient details) have several, handed out in a
 * seeded order and recycled only once all were used, so repeated placeholders rarely repeat text.
 */
final class Vocabulary {

    private final Map<String, List<String>> entries = new HashMap<>();
    private final Map<String, Integer> cursors = new HashMap<>();
    private final SplittableRandom random;

    Vocabulary(SplittableRandom random) {
        this.random = random;
    }

    void put(String key, String value) {
        entries.put(key, List.of(value));
    }

    /** Several wordings for one placeholder; shuffled now so the order depends only on the seed. */
    void putChoices(String key, List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no wordings for " + key);
        }
        List<String> shuffled = new ArrayList<>(values);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        entries.put(key, List.copyOf(shuffled));
    }

    String lookup(String key) {
        List<String> values = entries.get(key);
        if (values == null) {
            throw new IllegalStateException("template placeholder {" + key + "} has no value");
        }
        int cursor = cursors.merge(key, 1, Integer::sum) - 1;
        return values.get(cursor % values.size());
    }
}
