package fableforge.image;

import fableforge.provider.ProviderException;
import fableforge.provider.SimulatedConditions;

/** An image generator slowed down and made flaky on purpose (OFFLINE_LATENCY_MS, OFFLINE_FAILURE_RATE). */
public final class SimulatedImageGenerator implements ImageGenerator {

    private final ImageGenerator delegate;
    private final SimulatedConditions conditions;

    public SimulatedImageGenerator(ImageGenerator delegate, SimulatedConditions conditions) {
        this.delegate = delegate;
        this.conditions = conditions;
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws ProviderException {
        try {
            conditions.apply("image " + request.sceneNumber());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new fableforge.provider.ProviderError.TimedOut("interrupted while simulating latency"), e);
        }
        return delegate.generate(request);
    }

    @Override
    public String name() {
        return delegate.name();
    }
}
