package dev.shopflow.payment.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies blocking work to a few items at once on virtual threads, at most
 * {@code parallelism} at a time. The JDK's structured concurrency would say this in fewer
 * lines but is a preview API in Java 21-25; a parallel stream would run it on the common
 * pool's two carrier threads of this kind of machine, blocked on the network.
 */
final class Parallel {

	private static final Logger log = LoggerFactory.getLogger(Parallel.class);

	private Parallel() {
	}

	/**
	 * Applies the work to every item and waits for all of them.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param items the items
	 * @param parallelism how many at once at most
	 * @param work what to do with one item
	 * @return the results in the items' order; {@code null} for an item whose work failed
	 * (logged)
	 */
	static <T, R> List<R> map(List<T> items, int parallelism, Function<T, R> work) {
		if (items.size() <= 1) {
			return items.stream().map((item) -> safely(work, item)).toList();
		}
		Semaphore permits = new Semaphore(Math.max(1, parallelism));
		List<R> results = new ArrayList<>(items.size());
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<R>> futures = new ArrayList<>(items.size());
			for (T item : items) {
				futures.add(threads.submit(() -> {
					permits.acquire();
					try {
						return safely(work, item);
					}
					finally {
						permits.release();
					}
				}));
			}
			for (Future<R> future : futures) {
				results.add(future.get());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for provider calls", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		return results;
	}

	private static <T, R> R safely(Function<T, R> work, T item) {
		try {
			return work.apply(item);
		}
		catch (RuntimeException ex) {
			log.warn("Payment work failed; the reconciler takes it up: {}", ex.getMessage());
			return null;
		}
	}

}
