package fableforge.story;

import fableforge.provider.ProviderException;
import fableforge.provider.SimulatedConditions;
import java.util.List;

/** A story writer slowed down and made flaky on purpose (OFFLINE_LATENCY_MS, OFFLINE_FAILURE_RATE). */
public final class SimulatedStoryWriter implements StoryWriter {

    private final StoryWriter delegate;
    private final SimulatedConditions conditions;

    public SimulatedStoryWriter(StoryWriter delegate, SimulatedConditions conditions) {
        this.delegate = delegate;
        this.conditions = conditions;
    }

    @Override
    public List<Scene> write(StoryBrief brief) throws ProviderException {
        conditions.apply("story");
        return delegate.write(brief);
    }

    @Override
    public String name() {
        return delegate.name();
    }
}
