package fableforge.video;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg prints every stream it opens and libx264's statistics on standard error, which would bury
 * the command line's progress bar. Its log level is process-wide native state; we set it once, to
 * errors only, before the first grabber or recorder is made. Failures still reach us as exceptions.
 */
final class FFmpegLog {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private FFmpegLog() {
    }

    /** Loads this class, which quietens FFmpeg; calling it again does nothing. */
    static void quiet() {
        // the static initializer does the work
    }
}
