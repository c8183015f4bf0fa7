package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Composing beside encoding: frames reach the encoder in order, through a fixed set of buffers, and its failure reaches the caller. */
class EncodingPipelineTest {

    private static final FrameSize SIZE = new FrameSize(16, 16);

    @Test
    void framesReachTheEncoderInOrderThroughAFewReusedBuffers() throws IOException {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        java.util.Set<YuvFrame> buffers = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        try (EncodingPipeline pipeline = new EncodingPipeline(SIZE, (index, frame) -> seen.add(frame.data()[0] & 0xff))) {
            for (int f = 0; f < 200; f++) {
                YuvFrame frame = pipeline.next();
                buffers.add(frame);
                frame.data()[0] = (byte) f;
                pipeline.submit(f, frame);
            }
            pipeline.finish();
        }
        assertThat(seen).hasSize(200);
        for (int f = 0; f < 200; f++) {
            assertThat(seen.get(f)).isEqualTo(f);
        }
        assertThat(buffers).hasSizeLessThanOrEqualTo(EncodingPipeline.BUFFERS);
    }

    @Test
    void anEncoderFailureStopsTheCallerWithItsMessage() {
        assertThatThrownBy(() -> {
            try (EncodingPipeline pipeline = new EncodingPipeline(SIZE, (index, frame) -> {
                if (index == 5) {
                    throw new IOException("disk full");
                }
            })) {
                for (int f = 0; f < 1_000; f++) {
                    YuvFrame frame = pipeline.next();
                    pipeline.submit(f, frame);
                }
                pipeline.finish();
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("disk full");
    }
}
