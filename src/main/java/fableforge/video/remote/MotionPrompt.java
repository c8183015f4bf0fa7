package fableforge.video.remote;

import fableforge.story.Scene;

/**
 * What an image-to-video service is asked to do with a still: a short camera and motion direction
 * chosen by the scene's beat (the same moods as the local camera moves), then what happens in the
 * scene, cut to a length every service accepts. Services animate better from a short direction than
 * from a page of story.
 */
public final class MotionPrompt {

    /** Well under Kling's 2500 and Hailuo's 2000 characters. */
    static final int MAX_LENGTH = 600;

    /** What no clip should show. */
    public static final String NEGATIVE = "blurry, distorted face, morphing, extra limbs, text, watermark, flicker, sudden cut";

    private MotionPrompt() {
    }

    public static String forScene(Scene scene) {
        String direction = switch (scene.beat()) {
            case UNDERDOG -> "Slow gentle camera drift, quiet lonely mood, subtle natural movement";
            case DISCOVERY -> "Slow push in towards the hero, a sense of wonder, light shimmering";
            case SETBACK -> "Slow pull back, heavy mood, the hero slumps, subtle movement";
            case TRAINING -> "Steady tracking camera, energetic practice, dynamic movement";
            case TRANSFORMATION -> "Push in as the hero transforms, glowing light, swirling particles";
            case POWER_DISPLAY -> "Low angle rising camera, powerful motion, dramatic light";
            case CHALLENGE -> "Dynamic tracking shot, fast action, wind and motion";
            case TRIUMPH -> "Slow pull out revealing the scene, triumphant calm, golden light";
        };
        String prompt = direction + ". Keep the art style and the characters unchanged. Scene: " + scene.text().strip().replaceAll("\\s+", " ");
        return prompt.length() <= MAX_LENGTH ? prompt : prompt.substring(0, MAX_LENGTH - 1).strip() + "…";
    }
}
