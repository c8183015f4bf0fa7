package fableforge.image;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** A scripted image generator: per scene, which error each try fails with; records prompts and concurrency. */
class FakeImageGenerator implements ImageGenerator {

    private final BiFunction<Integer, Integer, ProviderError> script;
    private final long workMillis;
    private final Map<Integer, AtomicInteger> triesPerScene = new ConcurrentHashMap<>();
    final List<String> prompts = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    /** @param script (scene, try) → the error that try fails with, or null to succeed */
    FakeImageGenerator(BiFunction<Integer, Integer, ProviderError> script, long workMillis) {
        this.script = script;
        this.workMillis = workMillis;
    }

    static FakeImageGenerator alwaysSucceeding() {
        return new FakeImageGenerator((scene, tryNumber) -> null, 0);
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws ProviderException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            prompts.add(request.prompt());
            if (workMillis > 0) {
                Thread.sleep(workMillis);
            }
            int tryNumber = triesPerScene.computeIfAbsent(request.sceneNumber(), k -> new AtomicInteger()).incrementAndGet();
            ProviderError error = script.apply(request.sceneNumber(), tryNumber);
            if (error != null) {
                throw new ProviderException(error);
            }
            return new GeneratedImage(new byte[] {(byte) request.sceneNumber()}, "image/png", 10, 20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.TimedOut("interrupted"));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    int triesOf(int scene) {
        return triesPerScene.getOrDefault(scene, new AtomicInteger()).get();
    }

    @Override
    public String name() {
        return "fake";
    }
}
