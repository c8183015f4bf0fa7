package fableforge.store;

/** A store opened for one test, on one engine; closing it removes every trace of it. */
public interface TestDatabase extends AutoCloseable {

    Database database();

    /** Closes the store and opens the same one again, as a restarted process would. */
    Database reopen();

    @Override
    void close();
}
