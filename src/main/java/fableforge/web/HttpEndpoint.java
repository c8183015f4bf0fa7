package fableforge.web;

/** A started HTTP server of this node: the whole app, or only /health on a worker. */
public interface HttpEndpoint extends AutoCloseable {

    int port();

    @Override
    void close();
}
