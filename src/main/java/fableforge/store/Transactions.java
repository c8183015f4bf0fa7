package fableforge.store;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: the store's calls made inside it, on the same thread, join
 * it (JDBI hands nested calls the thread's open handle), so they commit or roll back together.
 */
@FunctionalInterface
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);
}
