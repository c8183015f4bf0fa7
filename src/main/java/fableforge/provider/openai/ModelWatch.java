package fableforge.provider.openai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model check of start-up, repeated once a day while the server runs, so a shutdown OpenAI
 * announces later still reaches the log, {@code /health} and the UI's banner before the model goes.
 */
public final class ModelWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelWatch.class);

    private final ModelLifecycle lifecycle;
    private final List<ModelLifecycle.Wanted> wanted;
    private final Duration every;
    private final AtomicReference<ModelLifecycle.Check> current;
    private volatile Thread thread;

    public ModelWatch(ModelLifecycle lifecycle, List<ModelLifecycle.Wanted> wanted, ModelLifecycle.Check atStartUp, Duration every) {
        this.lifecycle = lifecycle;
        this.wanted = wanted;
        this.every = every;
        this.current = new AtomicReference<>(atStartUp);
    }

    public ModelLifecycle.Check current() {
        return current.get();
    }

    public void start() {
        thread = Thread.ofVirtual().name("model-watch").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                recheck();
            }
        });
    }

    /** One check now; what it finds is logged once and replaces what {@link #current()} shows. */
    public ModelLifecycle.Check recheck() {
        ModelLifecycle.Check check = lifecycle.check(wanted);
        current.set(check);
        log(check);
        return check;
    }

    /** Problems are errors here: a running server cannot stop for them, but its operator must act. */
    public static void log(ModelLifecycle.Check check) {
        check.inUse().forEach(use -> LOG.info("[MODELS] {} {}={}{}{}", use.kind(), use.variable(), use.model(),
                use.configured().equals(ModelLifecycle.AUTO) ? " (auto)" : "",
                use.shutdownDate().map(date -> ", shuts down " + date).orElse("")));
        check.notices().forEach(notice -> LOG.warn("[MODELS] {}", notice.message()));
        check.warnings().forEach(warning -> LOG.warn("[MODELS] {}", warning));
        check.problems().forEach(problem -> LOG.error("[MODELS] {}", problem));
    }

    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
