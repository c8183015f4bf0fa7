package fableforge.video.remote;

import fableforge.provider.ProviderError;

/**
 * A scene whose remote clip could not be made and that got the local camera-motion clip instead.
 *
 * @param provider the service's label, e.g. {@code Kling}
 * @param reason   the last error, after retries
 */
public record ClipFallback(int sceneNumber, String provider, ProviderError reason) {

    /** What to tell the user, e.g. {@code scene 7: Kling failed (content refused: …), used camera motion}. */
    public String message() {
        return "scene " + sceneNumber + ": " + provider + " failed (" + reason.message() + "), used camera motion";
    }

    /** Hears of each scene that fell back to the local clip, as it happens (from the rendering thread). */
    @FunctionalInterface
    public interface Listener {

        void fellBack(ClipFallback fallback);

        Listener NONE = fallback -> { };
    }
}
