package fableforge.video.remote;

import fableforge.video.FrameSize;
import fableforge.video.SceneClip;
import fableforge.video.VideoFrame;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A downloaded clip (any file FFmpeg reads) played into exactly the frames a scene needs, at the
 * video's size: each picture is scaled to cover the frame and cropped to its middle. The clip plays
 * at its own speed and is cut when the scene is shorter. When the scene is longer, the clip is slowed
 * down evenly, by at most {@link #MAX_SLOW_DOWN} (beyond that motion looks like slow motion), and its
 * last picture is held for the rest. Frames are decoded as they are asked for, from a temporary file,
 * so memory holds one picture, not the clip.
 */
public final class FittedClip implements SceneClip {

    /** The most a clip is slowed down to fill its scene: 1.5 makes a 5 s clip last 7.5 s. */
    public static final double MAX_SLOW_DOWN = 1.5;
    private static final Logger LOG = LoggerFactory.getLogger(FittedClip.class);

    static {
        // FFmpeg would print every stream it opens on standard error, over the command line's progress bar.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final int frameCount;
    private final int fps;
    private final double sourceFps;
    private final int sourceFrames;
    private final double slowDown;
    private final VideoFrame fitted;
    private Frame grabbed;
    private int grabbedIndex;
    private int fittedIndex = -1;
    private boolean exhausted;

    private FittedClip(Path file, FFmpegFrameGrabber grabber, Frame first, FrameSize size, int frameCount, int fps) {
        this.file = file;
        this.grabber = grabber;
        this.grabbed = first;
        this.frameCount = frameCount;
        this.fps = fps;
        this.sourceFps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 24;
        int counted = grabber.getLengthInVideoFrames();
        this.sourceFrames = Math.max(1, counted > 0 ? counted : (int) Math.round(grabber.getLengthInTime() / 1e6 * sourceFps));
        double needed = frameCount / (double) fps;
        double available = sourceFrames / sourceFps;
        this.slowDown = Math.clamp(needed / available, 1, MAX_SLOW_DOWN);
        this.fitted = new VideoFrame(size);
    }

    /**
     * Opens {@code clip} for {@code frameCount} frames of {@code size} at {@code fps}.
     *
     * @throws IOException when the bytes are not a video FFmpeg can read, or hold no picture
     */
    public static FittedClip open(byte[] clip, FrameSize size, int frameCount, int fps) throws IOException {
        if (frameCount < 1 || fps < 1) {
            throw new IllegalArgumentException("a clip needs at least one frame and a frame rate, not " + frameCount + " at " + fps);
        }
        Path file = Files.createTempFile("fableforge-clip-", ".mp4");
        FFmpegFrameGrabber grabber = null;
        try {
            Files.write(file, clip);
            grabber = new FFmpegFrameGrabber(file.toFile());
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            Frame first = grabber.getVideoStream() < 0 ? null : grabber.grabImage();
            if (first == null || first.image == null) {
                throw new IOException("the " + clip.length + "-byte file has no pictures");
            }
            return new FittedClip(file, grabber, first, size, frameCount, fps);
        } catch (IOException | RuntimeException e) {
            release(grabber);
            Files.deleteIfExists(file);
            throw e instanceof FrameGrabber.Exception || e instanceof RuntimeException
                    ? new IOException("not a video FFmpeg can read: " + e.getMessage(), e)
                    : (IOException) e;
        }
    }

    @Override
    public int frameCount() {
        return frameCount;
    }

    /** How much the clip is slowed down to fill the scene: 1 when it is long enough. */
    public double slowDown() {
        return slowDown;
    }

    /** Frames the clip has (as its file says), at {@link #sourceFps()}. */
    public int sourceFrames() {
        return sourceFrames;
    }

    public double sourceFps() {
        return sourceFps;
    }

    /** Which of the clip's pictures frame {@code index} of the scene shows. */
    int sourceIndexFor(int index) {
        double sourceSeconds = index / (double) fps / slowDown;
        return Math.min(sourceFrames - 1, (int) Math.floor(sourceSeconds * sourceFps + 1e-6));
    }

    @Override
    public void render(int index, VideoFrame target) {
        advanceTo(sourceIndexFor(index));
        if (fittedIndex != grabbedIndex) {
            cover(converter.convert(grabbed), fitted);
            fittedIndex = grabbedIndex;
        }
        target.copyFrom(fitted);
    }

    /** Decodes up to picture {@code wanted}; a file with fewer pictures than it announced holds its last one. */
    private void advanceTo(int wanted) {
        while (grabbedIndex < wanted && !exhausted) {
            Frame next;
            try {
                next = grabber.grabImage();
            } catch (FrameGrabber.Exception e) {
                throw new IllegalStateException("FFmpeg could not decode picture " + (grabbedIndex + 1) + " of the clip: " + e.getMessage(), e);
            }
            if (next == null || next.image == null) {
                exhausted = true;
            } else {
                grabbed = next;
                grabbedIndex++;
            }
        }
    }

    /** Scales {@code picture} to cover {@code frame} and crops the overflow evenly from both sides. */
    static void cover(BufferedImage picture, VideoFrame frame) {
        double scale = Math.max(frame.width() / (double) picture.getWidth(), frame.height() / (double) picture.getHeight());
        int width = (int) Math.ceil(picture.getWidth() * scale);
        int height = (int) Math.ceil(picture.getHeight() * scale);
        Graphics2D g = frame.image().createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(picture, (frame.width() - width) / 2, (frame.height() - height) / 2, width, height, null);
        g.dispose();
    }

    @Override
    public void close() {
        release(grabber);
        converter.close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete the temporary clip {}: {}", file, e.getMessage());
        }
    }

    private static void release(FFmpegFrameGrabber grabber) {
        if (grabber == null) {
            return;
        }
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            LOG.warn("FFmpeg could not close a clip: {}", e.getMessage());
        }
    }
}
