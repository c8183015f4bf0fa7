package fableforge.video;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * FFmpeg alone, for the benchmark: encodes the very frames a render produced, at exactly the settings
 * the render used, so the difference to the render is the cost of our own work (camera motion,
 * dissolves, captions). The frames are raw YUV 4:2:0 on disk (the encoder's own input format, as the
 * render hands it over), written untimed: composed again exactly as the render composed them
 * ({@link VideoAssembler#composeRaw}), or decoded from the rendered file ({@link #reencode}). The clock
 * runs only while they are read back and encoded. The two differ: frames decoded from the file have
 * been smoothed by one lossy encode already, and x264 encodes them 3-9% cheaper than the composed ones.
 */
public final class EncodeBaseline {

    /** Wall time and the process's CPU time (every thread, FFmpeg's included) of the bare encode. */
    public record Result(int frames, Duration wall, Duration cpu, long rawBytes) {
    }

    private EncodeBaseline() {
    }

    public static Result reencode(Path rendered, RenderQuality quality, Path scratch) throws IOException {
        Path raw = scratch.resolve("frames.yuv");
        FrameSize size;
        int frames = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(rendered.toFile());
             FileChannel out = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            FFmpegLog.quiet();
            grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            grabber.start();
            size = new FrameSize(grabber.getImageWidth(), grabber.getImageHeight());
            YuvFrame planes = new YuvFrame(size);
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                if (!(frame.opaque instanceof AVFrame decoded) || decoded.format() != avutil.AV_PIX_FMT_YUV420P) {
                    throw new IOException("FFmpeg did not decode " + rendered + " to YUV 4:2:0");
                }
                copyPlanes(decoded, planes);
                planes.writeTo(out);
                frames++;
            }
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new IOException("FFmpeg could not decode " + rendered + ": " + e.getMessage(), e);
        }
        try {
            return encode(raw, size, frames, quality, scratch.resolve("bare.mp4"));
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** The decoder's planes (rows padded to its alignment) packed into {@code target}'s unpadded ones. */
    private static void copyPlanes(AVFrame decoded, YuvFrame target) {
        int width = target.width();
        int height = target.height();
        int[] offsets = {0, target.uOffset(), target.vOffset()};
        for (int plane = 0; plane < 3; plane++) {
            int planeWidth = plane == 0 ? width : width / 2;
            int planeHeight = plane == 0 ? height : height / 2;
            BytePointer data = decoded.data(plane);
            int stride = decoded.linesize(plane);
            for (int row = 0; row < planeHeight; row++) {
                data.position((long) row * stride).get(target.data(), offsets[plane] + row * planeWidth, planeWidth);
            }
        }
    }

    /** Encodes {@code frames} raw YUV 4:2:0 frames of {@code size} from {@code raw} into {@code output}, timed. */
    public static Result encode(Path raw, FrameSize size, int frames, RenderQuality quality, Path output) throws IOException {
        YuvFrame frame = new YuvFrame(size);
        long rawBytes = Files.size(raw);
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        try (FileChannel in = FileChannel.open(raw, StandardOpenOption.READ);
             VideoEncoder encoder = VideoEncoder.open(output,
                     new VideoEncoder.Settings(size, VideoAssembler.FPS, quality.preset(), quality.crf(), false))) {
            ByteBuffer buffer = ByteBuffer.wrap(frame.data());
            for (int f = 0; f < frames; f++) {
                buffer.clear();
                while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                    // Reads the whole frame.
                }
                encoder.frame(frame);
            }
        }
        return new Result(frames, Duration.ofNanos(System.nanoTime() - started), Duration.ofNanos(processCpuNanos() - cpuBefore),
                rawBytes);
    }

    /** CPU time of the whole process so far: every thread, FFmpeg's native ones too. */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
