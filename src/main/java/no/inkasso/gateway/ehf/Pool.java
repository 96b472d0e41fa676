package no.inkasso.gateway.ehf;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Idle instances of something that is costly to make and not thread-safe (XML readers,
 * unmarshallers): take one, use it on one thread, give it back. Made on demand, so there are
 * never more than the threads that used them at once (up to {@code maxIdle} are kept).
 */
final class Pool<T> {

    private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final Supplier<T> factory;
    private final int maxIdle;

    Pool(Supplier<T> factory, int maxIdle) {
        this.factory = factory;
        this.maxIdle = maxIdle;
    }

    T take() {
        T item = idle.pollFirst();
        if (item == null) {
            return factory.get();
        }
        idleCount.decrementAndGet();
        return item;
    }

    void give(T item) {
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offerFirst(item);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
