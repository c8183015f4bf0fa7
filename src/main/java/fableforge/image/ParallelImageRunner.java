package fableforge.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes a batch of images at once, one virtual thread each; the producer's gate decides how many
 * really run together and how fast, so the batch finishes as soon as the provider's limits allow.
 */
public final class ParallelImageRunner {

    private final ImageProducer producer;

    public ParallelImageRunner(ImageProducer producer) {
        this.producer = producer;
    }

    /** Returns one outcome per task, in scene order. */
    public List<ImageOutcome> runAll(List<ImageTask> tasks, ImageProgressListener listener) throws InterruptedException {
        List<Future<ImageOutcome>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ImageTask task : tasks) {
                futures.add(executor.submit(() -> producer.produce(task, listener)));
            }
            List<ImageOutcome> outcomes = new ArrayList<>();
            for (Future<ImageOutcome> future : futures) {
                outcomes.add(getUnchecked(future));
            }
            outcomes.sort(Comparator.comparingInt(ImageOutcome::sceneNumber));
            return outcomes;
        }
    }

    private static ImageOutcome getUnchecked(Future<ImageOutcome> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            // produce() turns every provider failure into an outcome; anything else is a bug.
            throw new IllegalStateException("image task crashed", e.getCause());
        }
    }
}
