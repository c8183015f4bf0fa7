package fableforge;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import fableforge.provider.SecretScrubber;
import java.nio.charset.Charset;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence for secrets in logs: every configured output appender's encoder is wrapped
 * so that each formatted line, stack traces included, passes through the {@link SecretScrubber}. The
 * places that log provider text scrub it themselves; this catches what a library or a future log line
 * forgets. Logback is configured once per process, like the DEBUG level App sets; a later App's
 * scrubber replaces an earlier one's.
 */
final class LogScrubbing {

    private LogScrubbing() {
    }

    static void install(SecretScrubber scrubber) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext(); ) {
                if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> output) {
                    Encoder<ILoggingEvent> encoder = output.getEncoder();
                    Encoder<ILoggingEvent> inner = encoder instanceof Scrubbing scrubbing ? scrubbing.inner : encoder;
                    if (inner instanceof LayoutWrappingEncoder<ILoggingEvent> text) {
                        Scrubbing wrapped = new Scrubbing(text, scrubber);
                        wrapped.setContext(context);
                        wrapped.start();
                        output.setEncoder(wrapped);
                    }
                }
            }
        }
    }

    /** The appender's own text encoder, its output scrubbed (decoded and encoded again in its charset). */
    static final class Scrubbing extends EncoderBase<ILoggingEvent> {
        private final LayoutWrappingEncoder<ILoggingEvent> inner;
        private final SecretScrubber scrubber;
        private final Charset charset;

        Scrubbing(LayoutWrappingEncoder<ILoggingEvent> inner, SecretScrubber scrubber) {
            this.inner = inner;
            this.scrubber = scrubber;
            this.charset = inner.getCharset() == null ? Charset.defaultCharset() : inner.getCharset();
        }

        @Override
        public byte[] headerBytes() {
            return inner.headerBytes();
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            return scrubber.scrub(new String(inner.encode(event), charset)).getBytes(charset);
        }

        @Override
        public byte[] footerBytes() {
            return inner.footerBytes();
        }
    }
}
