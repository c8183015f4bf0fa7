package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoryAnswerTest {

    private static final StorySnapshots.Current CURRENT = new StorySnapshots.Current("abc", false, "7-00ff");

    @Test
    void gzipIsChosenOnlyWhenAcceptEncodingAllowsIt() {
        assertThat(StoryAnswer.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(StoryAnswer.acceptsGzip("br;q=1.0, GZIP;q=0.2")).isTrue();
        assertThat(StoryAnswer.acceptsGzip("*")).isTrue();
        assertThat(StoryAnswer.acceptsGzip("x-gzip")).isTrue();
        assertThat(StoryAnswer.acceptsGzip(null)).isFalse();
        assertThat(StoryAnswer.acceptsGzip("identity")).isFalse();
        assertThat(StoryAnswer.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(StoryAnswer.acceptsGzip("gzip;q=0, *")).isFalse();
        assertThat(StoryAnswer.acceptsGzip("*;q=0")).isFalse();
        assertThat(StoryAnswer.acceptsGzip("gzip;q=nonsense")).isFalse();
    }

    @Test
    void ifNoneMatchMatchesEitherEncodingsTagAStarOrAWeakFormButNothingElse() {
        assertThat(StoryAnswer.notModified("\"7-00ff\"", CURRENT)).isTrue();
        assertThat(StoryAnswer.notModified("\"7-00ff-gz\"", CURRENT)).isTrue();
        assertThat(StoryAnswer.notModified("\"a\", W/\"7-00ff\"", CURRENT)).isTrue();
        assertThat(StoryAnswer.notModified("*", CURRENT)).isTrue();
        assertThat(StoryAnswer.notModified(null, CURRENT)).isFalse();
        assertThat(StoryAnswer.notModified("\"6-00ff\"", CURRENT)).isFalse();
        assertThat(StoryAnswer.notModified("7-00ff", CURRENT)).as("unquoted is not the tag").isFalse();
        assertThat(StoryAnswer.notModified("\"7-00ff-p\"", CURRENT)).as("the include=prompts document").isFalse();
    }
}
