package fableforge.fake;

import fableforge.video.VideoFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Small real MP4 clips (H.264) for the image-to-video fakes, made once per shape and cached. Each
 * picture says which one it is: its upper half is a flat grey of {@code 20 + 3 × index}, which
 * survives compression well enough to be read back ({@link #indexShown}); a dark bar moves across the
 * lower half, so consecutive pictures differ.
 */
public final class TestClips {

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private TestClips() {
    }

    /** The usual fake answer: 64 pictures of 320×568 at 24 fps (2.67 s). */
    public static byte[] standard() {
        return mp4(64, 320, 568, 24);
    }

    public static byte[] mp4(int frames, int width, int height, int fps) {
        if (frames > 70) {
            throw new IllegalArgumentException("at most 70 pictures keep their grey readable");
        }
        return CACHE.computeIfAbsent(frames + "/" + width + "x" + height + "@" + fps, key -> encode(frames, width, height, fps));
    }

    /** Which picture of a {@link TestClips} clip a frame shows, read from the grey of its upper middle. */
    public static int indexShown(VideoFrame frame) {
        byte[] pixels = frame.pixels();
        long sum = 0;
        int count = 0;
        for (int y = frame.height() / 10; y < frame.height() * 3 / 10; y++) {
            for (int x = frame.width() * 3 / 10; x < frame.width() * 7 / 10; x++) {
                int i = (y * frame.width() + x) * 3;
                sum += (pixels[i] & 0xff) + (pixels[i + 1] & 0xff) + (pixels[i + 2] & 0xff);
                count += 3;
            }
        }
        // H.264's limited-range YUV round trip (through swscale both ways) darkens a flat grey by about 2.7.
        return (int) Math.round((sum / (double) count - 20 + 2.7) / 3);
    }

    private static byte[] encode(int frames, int width, int height, int fps) {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try {
            Path file = Files.createTempFile("fake-clip-", ".mp4");
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setVideoOption("preset", "ultrafast");
                recorder.setVideoOption("crf", "12");
                recorder.start();
                byte[] pixels = new byte[width * height * 3];
                for (int k = 0; k < frames; k++) {
                    paint(pixels, width, height, k);
                    recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, avutil.AV_PIX_FMT_BGR24, ByteBuffer.wrap(pixels));
                }
                recorder.stop();
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void paint(byte[] pixels, int width, int height, int k) {
        byte grey = (byte) (20 + 3 * k);
        int barX = (k * 7) % Math.max(1, width - 24);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean bar = y > height / 2 && x >= barX && x < barX + 24;
                byte value = bar ? (byte) 0 : y > height / 2 ? (byte) 160 : grey;
                int i = (y * width + x) * 3;
                pixels[i] = value;
                pixels[i + 1] = value;
                pixels[i + 2] = value;
            }
        }
    }
}
