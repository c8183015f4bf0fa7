package fableforge.media;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the missing thumbnail of an image already stored, when a browser first asks for it: stories
 * drawn before thumbnails existed, or an image whose thumbnail failed when it was stored.
 *
 * <p>Bounded: at most {@link #AT_ONCE} thumbnails are made at a time on this node (each decodes a
 * full image, about 8 MB of pixels), and a request waits at most {@link #WAIT_SECONDS} for its turn.
 * Requests for the same thumbnail on one node share one making; two nodes may both make it, which is
 * harmless: stores replace a key whole, and both write the same picture.
 */
public final class ThumbnailRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailRequests.class);
    static final int AT_ONCE = 2;
    static final long WAIT_SECONDS = 20;

    /** What became of a request for a missing thumbnail. */
    public enum Outcome {
        /** The thumbnail is stored now: serve it. */
        MADE,
        /** Nothing is stored at the image's key either: the thumbnail is as unknown as its image. */
        NO_IMAGE,
        /** It could not be made now (busy, or the image could not be read): show the full image instead. */
        UNAVAILABLE
    }

    private final Thumbnails thumbnails;
    private final Semaphore making = new Semaphore(AT_ONCE);
    private final ConcurrentHashMap<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();

    public ThumbnailRequests(Thumbnails thumbnails) {
        this.thumbnails = thumbnails;
    }

    /** Makes the thumbnail of the image at {@code imageKey}, or joins the making of it already under way. */
    public Outcome make(String imageKey) throws InterruptedException {
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(imageKey, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Outcome outcome = makeInTurn(imageKey);
            mine.complete(outcome);
            return outcome;
        } catch (RuntimeException | InterruptedException e) {
            mine.complete(Outcome.UNAVAILABLE);
            throw e;
        } finally {
            inFlight.remove(imageKey, mine);
        }
    }

    private Outcome makeInTurn(String imageKey) throws InterruptedException {
        if (!making.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("[MEDIA] thumbnail of {} not made: {} others were being made for {} s", imageKey, AT_ONCE, WAIT_SECONDS);
            return Outcome.UNAVAILABLE;
        }
        try {
            return thumbnails.storeFromStored(imageKey).isPresent() ? Outcome.MADE : Outcome.NO_IMAGE;
        } catch (IOException | RuntimeException e) {
            LOG.warn("[MEDIA] thumbnail of {} could not be made on request: {}", imageKey, e.toString());
            return Outcome.UNAVAILABLE;
        } finally {
            making.release();
        }
    }

    private static Outcome await(CompletableFuture<Outcome> running) throws InterruptedException {
        try {
            return running.get(2 * WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Outcome.UNAVAILABLE;
        }
    }
}
