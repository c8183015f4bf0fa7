package fableforge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import fableforge.provider.SecretScrubber;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A secret in any log line (message or stack trace, from any logger) is written as [redacted]. */
class LogScrubbingTest {

    @Test
    void everyLineAnAppenderWritesIsScrubbedStackTracesIncluded() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        Logger library = context.getLogger("some.library.Client");
        library.setAdditive(false);
        library.addAppender(appender);
        try {
            LogScrubbing.install(new SecretScrubber(List.of("sk-in-a-log-line-42")));
            library.error("request failed with Authorization: Bearer sk-in-a-log-line-42",
                    new IllegalStateException("echo: sk-in-a-log-line-42"));
        } finally {
            library.detachAppender(appender);
            library.setAdditive(true);
            LogScrubbing.install(new SecretScrubber(List.of()));
        }

        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Bearer [redacted]").contains("echo: [redacted]").doesNotContain("sk-in-a-log-line-42");
    }
}
