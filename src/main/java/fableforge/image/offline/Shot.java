package fableforge.image.offline;

import fableforge.story.Beat;
import java.util.SplittableRandom;

/**
 * Where the camera is for one frame: how big the hero is, where it stands, which way it faces, where the
 * horizon sits and how far the camera has panned across the story's world. Beats set the intent (small
 * and low in the underdog scenes, big and upright in the power scenes); the frame's seed varies the rest.
 *
 * @param heroSize  the hero's nominal size in pixels (roughly its width, or height for tall animals)
 * @param heroX     the horizontal centre of the hero in pixels
 * @param groundY   where the hero's feet touch the ground
 * @param facing    1 facing right, -1 facing left
 * @param pan       how far the camera has moved across the world, in pixels
 */
record Shot(Framing framing, Pose pose, double heroSize, double heroX, double groundY, double horizonY,
            int facing, double pan) {

    enum Framing { WIDE, MEDIUM, CLOSE }

    static Shot plan(Beat beat, int scene, SplittableRandom frame, double width, double height) {
        Framing framing = framing(beat, frame);
        boolean portrait = height > width * 1.2;
        double unit = Math.min(width, height);
        double size = unit * switch (framing) {
            case WIDE -> 0.56;
            case MEDIUM -> 0.72;
            case CLOSE -> 0.9;
        } * scale(beat) * (0.94 + frame.nextDouble() * 0.12);
        double horizon = height * (portrait ? 0.5 : 0.52) + height * 0.1 * (frame.nextDouble() - 0.5)
                - (framing == Framing.WIDE ? height * 0.04 : 0);
        double ground = height * switch (framing) {
            case WIDE -> portrait ? 0.78 : 0.8;
            case MEDIUM -> portrait ? 0.84 : 0.86;
            case CLOSE -> portrait ? 0.9 : 0.94;
        };
        int facing = frame.nextBoolean() ? 1 : -1;
        double offset = portrait ? 0.06 : 0.14;
        if (beat == Beat.DISCOVERY || beat == Beat.CHALLENGE) {
            offset += portrait ? 0.08 : 0.06;
        }
        double heroX = width * (0.5 - facing * offset) + width * 0.04 * (frame.nextDouble() - 0.5);
        double pan = width * (0.15 * scene / 20.0 + frame.nextDouble() * 0.5);
        return new Shot(framing, pose(beat, scene, frame), size, heroX, ground, horizon, facing, pan);
    }

    private static Framing framing(Beat beat, SplittableRandom frame) {
        double roll = frame.nextDouble();
        return switch (beat) {
            case UNDERDOG, TRAINING -> roll < 0.6 ? Framing.WIDE : Framing.MEDIUM;
            case POWER_DISPLAY, TRANSFORMATION -> roll < 0.55 ? Framing.CLOSE : Framing.MEDIUM;
            case TRIUMPH, DISCOVERY, SETBACK -> roll < 0.7 ? Framing.MEDIUM : roll < 0.85 ? Framing.CLOSE : Framing.WIDE;
            case CHALLENGE -> roll < 0.5 ? Framing.MEDIUM : Framing.WIDE;
        };
    }

    private static double scale(Beat beat) {
        return switch (beat) {
            case UNDERDOG -> 0.8;
            case SETBACK, CHALLENGE -> 0.88;
            case POWER_DISPLAY, TRIUMPH -> 1.12;
            default -> 1.0;
        };
    }

    private static Pose pose(Beat beat, int scene, SplittableRandom frame) {
        double wobble = frame.nextDouble() * 0.2;
        return switch (beat) {
            case UNDERDOG -> new Pose(0.75 + wobble, 0.15, 0.1 * (scene % 2), 0, -0.9, false, true);
            case DISCOVERY -> new Pose(0.15 + wobble, 0.1, 0.15, 0, 0.3, false, false);
            case SETBACK -> new Pose(0.55 + wobble, 0.8, 0, 0, -0.7, false, true);
            case TRAINING -> new Pose(-0.1, 0.05, 0.8 + wobble, 0.05, 0.5, scene % 2 == 0, false);
            case TRANSFORMATION -> new Pose(-0.45, 0, 0.1, 0.35 + wobble, 0.8, true, false);
            case POWER_DISPLAY -> new Pose(-0.6, 0, 0.35, 0.55 + wobble, 1.0, true, false);
            case CHALLENGE -> new Pose(0.1 - wobble, 0.35, 0.55, 0.1, 0.6, scene % 2 == 1, false);
            case TRIUMPH -> new Pose(-0.75, 0, 0.1, 0.3 + wobble, 1.0, true, false);
        };
    }
}
