package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** Range headers as RFC 9110 reads them, for a file of 1000 bytes. */
class ByteRangeTest {

    private static ByteRange.Parsed parse(String header) {
        return ByteRange.parse(header, 1000);
    }

    @Test
    void fromToOpenEndedAndSuffixRangesAreServedPartially() {
        assertThat(parse("bytes=0-99")).isEqualTo(new ByteRange.Parsed(ByteRange.Answer.PARTIAL, new ByteRange(0, 99)));
        assertThat(parse("bytes=500-")).isEqualTo(new ByteRange.Parsed(ByteRange.Answer.PARTIAL, new ByteRange(500, 999)));
        assertThat(parse("bytes=-100")).isEqualTo(new ByteRange.Parsed(ByteRange.Answer.PARTIAL, new ByteRange(900, 999)));
        assertThat(parse("bytes=990-5000").range()).as("an end past the file is cut to it").isEqualTo(new ByteRange(990, 999));
        assertThat(parse("bytes=-5000").range()).as("a suffix longer than the file is all of it").isEqualTo(new ByteRange(0, 999));
        assertThat(parse("bytes=0-99").range().contentRange(1000)).isEqualTo("bytes 0-99/1000");
        assertThat(parse("bytes=0-99").range().length()).isEqualTo(100);
    }

    @Test
    void rangesStartingAtOrAfterTheEndAreUnsatisfiable() {
        assertThat(parse("bytes=1000-").answer()).isEqualTo(ByteRange.Answer.UNSATISFIABLE);
        assertThat(parse("bytes=1000-1200").answer()).isEqualTo(ByteRange.Answer.UNSATISFIABLE);
        assertThat(parse("bytes=-0").answer()).isEqualTo(ByteRange.Answer.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-", 0).answer()).as("nothing in an empty file").isEqualTo(ByteRange.Answer.UNSATISFIABLE);
    }

    @Test
    void headersTheServerMayIgnoreGetTheWholeFile() {
        for (String header : new String[] {null, "items=0-9", "bytes=0-9,20-29", "bytes=9-0", "bytes=-", "bytes=abc", "bytes=99999999999999999999-"}) {
            assertThat(parse(header)).as(String.valueOf(header)).isEqualTo(new ByteRange.Parsed(ByteRange.Answer.WHOLE, new ByteRange(0, 999)));
        }
    }

    @Test
    void limitedStreamEndsAfterTheRangesLength() throws Exception {
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        var in = new ByteArrayInputStream(bytes);
        in.skipNBytes(10);
        assertThat(ByteRange.limit(in, 5).readAllBytes()).containsExactly(10, 11, 12, 13, 14);
    }
}
