package fableforge.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * FFmpeg in-process (JavaCV's bundled natives): BGR frames in, an MP4 out with H.264 (High profile,
 * yuv420p, the pixel format every player decodes) and, when there is sound, stereo AAC at 48 kHz.
 * The index is written at the front of the file so a browser can start playing before it has it all.
 */
final class VideoEncoder implements AutoCloseable {

    private static final int HIGH_PROFILE = 100;

    /** @param audio whether the file gets a sound track */
    record Settings(FrameSize size, int fps, String preset, int crf, boolean audio) {
    }

    private final FFmpegFrameRecorder recorder;
    private final Settings settings;
    /** Native memory the planes are copied into, once per frame: FFmpeg reads it in place (a heap array it would copy). */
    private ByteBuffer planes;
    private boolean closed;

    private VideoEncoder(FFmpegFrameRecorder recorder, Settings settings) {
        this.recorder = recorder;
        this.settings = settings;
    }

    static VideoEncoder open(Path file, Settings settings) throws IOException {
        FFmpegLog.quiet();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), settings.size().width(), settings.size().height(),
                settings.audio() ? 2 : 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setVideoProfile(HIGH_PROFILE);
        recorder.setFrameRate(settings.fps());
        recorder.setGopSize(settings.fps() * 2);
        recorder.setVideoQuality(settings.crf());
        recorder.setVideoOption("preset", settings.preset());
        recorder.setVideoOption("crf", String.valueOf(settings.crf()));
        recorder.setOption("movflags", "+faststart");
        if (settings.audio()) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(Audio.SAMPLE_RATE);
            recorder.setAudioBitrate(160_000);
        }
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            recorder.close();
            throw new IOException("FFmpeg could not start the video file " + file + ": " + e.getMessage(), e);
        }
        return new VideoEncoder(recorder, settings);
    }

    void frame(VideoFrame frame) throws IOException {
        try {
            recorder.recordImage(frame.width(), frame.height(), Frame.DEPTH_UBYTE, 3, frame.width() * 3,
                    avutil.AV_PIX_FMT_BGR24, ByteBuffer.wrap(frame.pixels()));
        } catch (FrameRecorder.Exception e) {
            throw new IOException("FFmpeg could not encode a frame: " + e.getMessage(), e);
        }
    }

    /**
     * Encodes a frame already in the codec's own format: no conversion, one copy into native memory.
     * JavaCV's recordImage skips swscale when the pixel format and size match the codec's and points
     * the AVFrame at a direct buffer in place (a heap buffer it would copy again):
     * https://github.com/bytedeco/javacv/blob/master/src/main/java/org/bytedeco/javacv/FFmpegFrameRecorder.java
     */
    void frame(YuvFrame frame) throws IOException {
        byte[] data = frame.data();
        if (planes == null || planes.capacity() != data.length) {
            planes = ByteBuffer.allocateDirect(data.length);
        }
        planes.clear();
        planes.put(data).flip();
        try {
            recorder.recordImage(frame.width(), frame.height(), Frame.DEPTH_UBYTE, 1, frame.width(), avutil.AV_PIX_FMT_YUV420P, planes);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("FFmpeg could not encode a frame: " + e.getMessage(), e);
        }
    }

    /** Appends mono {@code samples[from, to)} to the sound track, on both channels. */
    void samples(float[] samples, int from, int to) throws IOException {
        if (to <= from) {
            return;
        }
        FloatBuffer stereo = FloatBuffer.allocate((to - from) * 2);
        for (int i = from; i < to; i++) {
            stereo.put(samples[i]).put(samples[i]);
        }
        stereo.flip();
        try {
            recorder.recordSamples(Audio.SAMPLE_RATE, 2, stereo);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("FFmpeg could not encode sound: " + e.getMessage(), e);
        }
    }

    Settings settings() {
        return settings;
    }

    /** Finishes the file (flushes the encoders, writes the index). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("FFmpeg could not finish the video file: " + e.getMessage(), e);
        }
    }
}
