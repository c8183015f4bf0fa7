package fableforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.story.AspectRatio;
import fableforge.testing.SlowTest;
import fableforge.video.RenderQuality;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

@SlowTest // a benchmark
class VideoBenchmarkTest {

    @Test
    void printsEachRoundOfTheWholeRenderBesideBareFfmpegReEncodingTheFramesItProducedAndTheirMedian() throws Exception {
        StringWriter text = new StringWriter();

        List<VideoBenchmark.Result> results = new VideoBenchmark(new VideoBenchmark.Settings(2, 1.0, RenderQuality.DRAFT, AspectRatio.PORTRAIT, 2))
                .run(new PrintWriter(text, true));

        assertThat(results).extracting(VideoBenchmark.Result::step)
                .containsExactly("whole local render", "first render in JVM", "bare FFmpeg re-encode", "bare, decoded frames");
        assertThat(results).extracting(VideoBenchmark.Result::frames).containsOnly(60);
        assertThat(results).allSatisfy(result -> assertThat(result.fps()).isPositive());
        assertThat(results).allSatisfy(result -> assertThat(result.cpu()).isPositive());
        assertThat(text.toString()).contains("480x854", "fps", "cpu", "60 frames composed again", "60 frames decoded", "whole render / bare encode (fps):",
                "round 1: render", "round 2: bare", "the median of 2 rounds");
    }
}
