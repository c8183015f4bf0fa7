package fableforge.video.remote;

import fableforge.provider.Monitored;
import fableforge.provider.ProviderException;
import fableforge.video.ClipRequest;
import fableforge.video.SceneClip;
import fableforge.video.VideoClipGenerator;

/**
 * An image-to-video service: submits the still as a task, waits for it, downloads the clip and fits
 * it to the requested frames. Only {@link ProviderException}s leave it, classified at its edge.
 */
public interface RemoteClips extends VideoClipGenerator, Monitored {

    /**
     * The clip of {@code request}'s scene; {@code attempt} (1, 2, …) makes each try a task of its own
     * at the provider (it is part of the idempotency key), so a retry is never taken for a duplicate.
     */
    SceneClip clip(ClipRequest request, int attempt) throws ProviderException;

    @Override
    default SceneClip clip(ClipRequest request) throws ProviderException {
        return clip(request, 1);
    }

    /** The service's name as people write it, for messages: {@code Kling}, {@code Hailuo}. */
    String label();
}
