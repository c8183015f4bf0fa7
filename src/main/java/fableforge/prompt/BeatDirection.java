package fableforge.prompt;

import fableforge.story.Beat;
import java.util.List;

/** How each beat should look: mood, lighting and the camera shots its scenes cycle through. */
record BeatDirection(String mood, String lighting, List<String> shots) {

    static BeatDirection of(Beat beat) {
        return switch (beat) {
            case UNDERDOG -> new BeatDirection("lonely, melancholic", "cold blue dusk light, light rain",
                    List.of("wide shot, the hero small and alone at the edge of the group", "medium shot, head lowered",
                            "close-up on sad eyes", "wide shot, walking away into the distance"));
            case DISCOVERY -> new BeatDirection("curious, wondrous", "night, a mysterious glow lighting the hero's face",
                    List.of("medium shot, hero approaching the glowing object", "close-up, paws touching the glowing object"));
            case SETBACK -> new BeatDirection("tense, discouraged", "stormy grey light, wind and rain",
                    List.of("low angle, the hero stumbling", "wide shot, the hero alone in the storm"));
            case TRAINING -> new BeatDirection("determined, hopeful", "early morning golden light, mist",
                    List.of("dynamic action shot, mid-leap", "montage-style medium shot, practising with focus"));
            case TRANSFORMATION -> new BeatDirection("awe-inspiring, magical", "radiant glow bursting from the hero",
                    List.of("centered medium shot, swirling light around the hero", "close-up, eyes shining with new power"));
            case POWER_DISPLAY -> new BeatDirection("triumphant, energetic", "bright daylight with glowing power effects",
                    List.of("heroic low angle, power unleashed", "wide shot, the others watching in amazement"));
            case CHALLENGE -> new BeatDirection("dramatic, high stakes", "dark red stormy sky, strong rim light",
                    List.of("wide shot, the hero facing the opponent", "over-the-shoulder shot toward the looming opponent",
                            "dynamic shot, protecting the others", "close-up, fierce determination",
                            "wide shot, the storm breaking as the hero prevails"));
            case TRIUMPH -> new BeatDirection("joyful, proud, symbolic", "golden sunrise, light rays",
                    List.of("heroic wide shot on a high place, everyone gathered below"));
        };
    }

    String shotFor(int sceneNumber, Beat beat) {
        return shots.get(beat.positionOf(sceneNumber) % shots.size());
    }
}
