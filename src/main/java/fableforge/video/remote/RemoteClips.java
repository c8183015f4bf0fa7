package fableforge.video.remote;

import fableforge.provider.http.Monitored;
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
    default SceneClip clip(ClipRequest request, int attempt) throws ProviderException {
        return fitted(label(), fetch(request, attempt), request);
    }

    /** The clip file the service made for {@code request} (an MP4), downloaded; charged when the service finished it. */
    byte[] fetch(ClipRequest request, int attempt) throws ProviderException;

    /** A downloaded clip fitted to {@code request}'s frames; a file that is not a video is a transient failure of {@code service}. */
    static SceneClip fitted(String service, byte[] clip, ClipRequest request) throws ProviderException {
        try {
            return FittedClip.open(clip, request.size(), request.frameCount(), request.fps());
        } catch (java.io.IOException e) {
            throw new ProviderException(new fableforge.provider.ProviderError.Transient(service + "'s clip of scene "
                    + request.scene().number() + " is not a video: " + e.getMessage()), e);
        }
    }

    @Override
    default SceneClip clip(ClipRequest request) throws ProviderException {
        return clip(request, 1);
    }

    /** The service's name as people write it, for messages: {@code Kling}, {@code Hailuo}. */
    String label();
}
