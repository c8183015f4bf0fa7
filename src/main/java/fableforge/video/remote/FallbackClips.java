package fableforge.video.remote;

import fableforge.job.CallGate;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallMeter;
import fableforge.provider.call.CallPipeline;
import fableforge.provider.call.RetryRule;
import fableforge.video.ClipRequest;
import fableforge.video.SceneClip;
import fableforge.video.VideoClipGenerator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private final RetryRule retryRule;
    private final Sleeper sleeper;
    private final CallPipeline<byte[]> gated;
    private final ClipFallback.Listener listener;
    private final ClipCache cache;
    private volatile ProviderError accountProblem;
    private final Map<ClipKey, Future<Optional<SceneClip>>> prepared = new ConcurrentHashMap<>();

    public FallbackClips(RemoteClips remote, VideoClipGenerator local, CallGate gate, RetryPolicy retries, Sleeper sleeper,
                         RandomGenerator random, ClipFallback.Listener listener) {
        this(remote, local, gate, retries, sleeper, random, listener, ClipCache.NONE);
    }

    public FallbackClips(RemoteClips remote, VideoClipGenerator local, CallGate gate, RetryPolicy retries, Sleeper sleeper,
                         RandomGenerator random, ClipFallback.Listener listener, ClipCache cache) {
        this(remote, local, gate, retries, sleeper, random, listener, cache, CallMeter.NONE);
    }

    /** @param meter counts each try of a remote clip (task, polling and download) for {@code GET /metrics} */
    public FallbackClips(RemoteClips remote, VideoClipGenerator local, CallGate gate, RetryPolicy retries, Sleeper sleeper,
                         RandomGenerator random, ClipFallback.Listener listener, ClipCache cache, CallMeter meter) {
        this.cache = cache;
        this.remote = remote;
        this.local = local;
        this.retryRule = RetryRule.of(retries, random).givingUpOn(ProviderError.PolicyRefusal.class::isInstance);
        this.sleeper = sleeper;
        this.gated = CallPipeline.<byte[]>builder().gate(gate).metered(meter).build();
        this.listener = listener;
    }

    @Override
    public String name() {
        return remote.name();
    }

    public RemoteClips remote() {
        return remote;
    }

    /**
     * Starts every scene's remote task at once (the gate still holds them to the service's concurrency
     * and rate), so 20 tasks of a minute each take minutes in all, not twenty.
     */
    @Override
    public AutoCloseable prepare(List<ClipRequest> requests) {
        ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor();
        for (ClipRequest request : requests) {
            prepared.computeIfAbsent(ClipKey.of(request), key -> starter.submit(() -> remoteClip(request)));
        }
        starter.shutdown();
        return () -> {
            for (ClipKey key : List.copyOf(prepared.keySet())) {
                Future<Optional<SceneClip>> unused = prepared.remove(key);
                if (unused != null) {
                    unused.cancel(true);
                    if (unused.state() == Future.State.SUCCESS) {
                        unused.resultNow().ifPresent(SceneClip::close);
                    }
                }
            }
        };
    }

    @Override
    public SceneClip clip(ClipRequest request) throws ProviderException, IOException {
        try {
            Future<Optional<SceneClip>> started = prepared.remove(ClipKey.of(request));
            Optional<SceneClip> clip = started != null ? awaited(started) : remoteClip(request);
            if (clip.isPresent()) {
                return clip.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while making the clip of scene " + request.scene().number());
        }
        return local.clip(request);
    }

    private static Optional<SceneClip> awaited(Future<Optional<SceneClip>> started) throws InterruptedException, IOException {
        try {
            return started.get();
        } catch (ExecutionException e) {
            throw new IOException("the clip task failed: " + e.getCause(), e.getCause());
        }
    }

    /** A clip an earlier run of this video already paid for, when it was kept and still opens. */
    private Optional<SceneClip> fromCache(ClipRequest request) {
        try {
            Optional<byte[]> kept = cache.find(request.scene().number(), request.frameCount());
            return kept.isPresent() ? Optional.of(RemoteClips.fitted(remote.label(), kept.get(), request)) : Optional.empty();
        } catch (IOException | ProviderException e) {
            return Optional.empty();
        }
    }

    /** Keeps a delivered clip for a render that runs again; failing to keep it costs only a later re-request. */
    private byte[] kept(ClipRequest request, byte[] clip) {
        try {
            cache.keep(request.scene().number(), request.frameCount(), clip);
        } catch (IOException e) {
            // Nothing lost now: the clip is used; only a rerun would have to ask for it again.
        }
        return clip;
    }

    /** A prepared clip is the one asked for when story, scene and length match. */
    private record ClipKey(String storyId, int scene, int frames) {
        static ClipKey of(ClipRequest request) {
            return new ClipKey(request.storyId(), request.scene().number(), request.frameCount());
        }
    }

    /** The remote clip, or empty (listener told) when the service could not make it. */
    private Optional<SceneClip> remoteClip(ClipRequest request) throws InterruptedException {
        Optional<SceneClip> earlier = fromCache(request);
        if (earlier.isPresent()) {
            return earlier;
        }
        if (accountProblem != null) {
            return fellBack(request, accountProblem);
        }
        CallPipeline<Optional<SceneClip>> clipOrNothing = CallPipeline.<Optional<SceneClip>>builder()
                .fallback(failure -> fellBack(request, failure.error()))
                .retry(retryRule, sleeper)
                .build();
        // Only fetching goes through the gate; fitting and keeping the clip happen in the same try, after it.
        return clipOrNothing.answer(current -> {
            byte[] clip = gated.call(current, sameTry -> remote.fetch(request, sameTry.number()));
            return Optional.of(RemoteClips.fitted(remote.label(), kept(request, clip), request));
        });
    }

    /** No remote clip for this scene (the listener hears why); after an account problem, none for any later scene. */
    private Optional<SceneClip> fellBack(ClipRequest request, ProviderError error) {
        if (error instanceof ProviderError.BadCredentials || error instanceof ProviderError.BillingLimit) {
            accountProblem = error;
        }
        listener.fellBack(new ClipFallback(request.scene().number(), remote.label(), error));
        return Optional.empty();
    }
}
