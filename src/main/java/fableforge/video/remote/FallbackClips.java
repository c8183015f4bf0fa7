package fableforge.video.remote;

import fableforge.job.CallGate;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.video.ClipRequest;
import fableforge.video.SceneClip;
import fableforge.video.VideoClipGenerator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A remote clip service that never costs the video: each scene's clip is asked of the service through
 * its gate (tasks in flight and tasks started a minute, shared by every caller), tried again while the
 * error may pass, and when it still fails the scene gets the local camera-motion clip and the listener
 * hears why. A refused still is not tried again: the service refuses the picture, and the same picture
 * would go in again. Bad credentials or an exhausted account end the service's part for the rest of
 * the video: every later scene goes straight to the local clip (still reported), instead of failing
 * the same way twenty times.
 */
public final class FallbackClips implements VideoClipGenerator {

    private final RemoteClips remote;
    private final VideoClipGenerator local;
    private final CallGate gate;
    private final RetryPolicy retries;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ClipFallback.Listener listener;
    private volatile ProviderError accountProblem;

    public FallbackClips(RemoteClips remote, VideoClipGenerator local, CallGate gate, RetryPolicy retries, Sleeper sleeper,
                         RandomGenerator random, ClipFallback.Listener listener) {
        this.remote = remote;
        this.local = local;
        this.gate = gate;
        this.retries = retries;
        this.sleeper = sleeper;
        this.random = random;
        this.listener = listener;
    }

    @Override
    public String name() {
        return remote.name();
    }

    public RemoteClips remote() {
        return remote;
    }

    @Override
    public SceneClip clip(ClipRequest request) throws ProviderException, IOException {
        try {
            Optional<SceneClip> clip = remoteClip(request);
            if (clip.isPresent()) {
                return clip.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while making the clip of scene " + request.scene().number());
        }
        return local.clip(request);
    }

    /** The remote clip, or empty (listener told) when the service could not make it. */
    private Optional<SceneClip> remoteClip(ClipRequest request) throws InterruptedException {
        if (accountProblem != null) {
            listener.fellBack(new ClipFallback(request.scene().number(), remote.label(), accountProblem));
            return Optional.empty();
        }
        for (int attempt = 1; ; attempt++) {
            int thisAttempt = attempt;
            ProviderError error;
            try {
                return Optional.of(gate.call(() -> remote.clip(request, thisAttempt)));
            } catch (ProviderException e) {
                error = e.error();
            }
            if (error instanceof ProviderError.RateLimited limited && limited.retryAfter().isPresent()) {
                gate.pauseFor(limited.retryAfter().get());
            }
            Optional<Duration> wait = error instanceof ProviderError.PolicyRefusal
                    ? Optional.empty()
                    : retries.delayBefore(attempt + 1, error, random);
            if (wait.isEmpty()) {
                if (error instanceof ProviderError.BadCredentials || error instanceof ProviderError.BillingLimit) {
                    accountProblem = error;
                }
                listener.fellBack(new ClipFallback(request.scene().number(), remote.label(), error));
                return Optional.empty();
            }
            sleeper.sleep(wait.get());
        }
    }
}
