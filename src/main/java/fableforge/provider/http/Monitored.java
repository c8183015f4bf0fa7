package fableforge.provider.http;

/**
 * An adapter that calls a remote provider and can say how its last call went, for {@code GET /health}
 * and the start-up log. Offline adapters do not implement it: they always answer.
 */
public interface Monitored {

    ProviderHttp.LastCall lastCall();
}
