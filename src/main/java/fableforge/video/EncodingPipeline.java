package fableforge.video;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Composing and encoding at the same time: the caller composes frame f+1 (its rows on every core)
 * while a thread of this pipeline hands frame f, and its slice of sound, to FFmpeg. Frames travel
 * through a fixed set of buffers, so memory stays bounded however long the video, and they reach
 * the encoder in the order they were composed. A failure on either side stops both and is reported
 * to the caller.
 */
final class EncodingPipeline implements AutoCloseable {

    /** Buffers in flight: one being composed, one being encoded, one waiting between. */
    static final int BUFFERS = 3;

    /** What the encoding thread does with each frame (encode it, then its sound). */
    interface Sink {
        void accept(int index, YuvFrame frame) throws IOException;
    }

    private record Job(int index, YuvFrame frame) {
    }

    private static final Job END = new Job(-1, null);

    private final BlockingQueue<YuvFrame> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Job> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread thread;
    private volatile Throwable failure;
    private boolean ended;

    EncodingPipeline(FrameSize size, Sink sink) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new YuvFrame(size));
        }
        thread = Thread.ofPlatform().name("video-encoder").daemon().unstarted(() -> run(sink));
        thread.start();
    }

    private void run(Sink sink) {
        try {
            while (true) {
                Job job = full.take();
                if (job == END) {
                    return;
                }
                if (failure == null) {
                    sink.accept(job.index, job.frame);
                }
                free.put(job.frame);
            }
        } catch (Throwable e) {
            failure = e;
            // Unblocks a caller waiting for a buffer; it then sees the failure.
            free.offer(new YuvFrame(new FrameSize(16, 16)));
        }
    }

    /** A buffer to compose the next frame into; waits while the encoder is behind. */
    YuvFrame next() throws IOException {
        rethrow();
        try {
            YuvFrame frame = free.take();
            rethrow();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the encoder", e);
        }
    }

    /** Queues a composed frame (a buffer from {@link #next()}) for encoding. */
    void submit(int index, YuvFrame frame) throws IOException {
        rethrow();
        try {
            full.put(new Job(index, frame));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing a frame to the encoder", e);
        }
    }

    /** Waits until every queued frame is encoded; reports the encoder's failure, if any. */
    void finish() throws IOException {
        end();
        rethrow();
    }

    private void end() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        try {
            full.put(END);
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the encoder finished", e);
        }
    }

    private void rethrow() throws IOException {
        Throwable e = failure;
        if (e instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        if (e != null) {
            throw new IOException("the encoder failed: " + e, e);
        }
    }

    /** Stops the encoding thread (after what is queued) without reporting; for paths that already failed. */
    @Override
    public void close() {
        try {
            end();
        } catch (IOException e) {
            // Already failing: the first error is the one reported.
        }
    }
}
