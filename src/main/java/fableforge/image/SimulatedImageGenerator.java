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
        conditions.apply("image " + request.sceneNumber());
        return delegate.generate(request);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public java.util.Optional<java.awt.Rectangle> pictureArea(int width, int height) {
        return delegate.pictureArea(width, height);
    }
}
