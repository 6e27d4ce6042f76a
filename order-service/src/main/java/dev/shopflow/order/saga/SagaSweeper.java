package dev.shopflow.order.saga;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.shopflow.order.idempotency.IdempotentRequests;
import dev.shopflow.order.system.OrderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The saga's clock: finds overdue sagas and due payment retries in the database (so it
 * also finds those of a previous run), re-counts the sagas in flight for the gauge, and
 * forgets expired idempotency keys. Safe with several instances: sweeps lock rows with
 * {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class SagaSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SagaSweeper.class);

	private final OrderSaga saga;

	private final IdempotentRequests idempotentRequests;

	private final TransactionTemplate transactions;

	private final OrderProperties properties;

	private volatile ScheduledExecutorService scheduler;

	SagaSweeper(OrderSaga saga, IdempotentRequests idempotentRequests, TransactionTemplate transactions,
			OrderProperties properties) {
		this.saga = saga;
		this.idempotentRequests = idempotentRequests;
		this.transactions = transactions;
		this.properties = properties;
	}

	void sweep() {
		int swept;
		do {
			Integer count = this.transactions.execute((status) -> this.saga.sweep());
			swept = (count != null) ? count : 0;
		}
		while (swept >= this.properties.sweepBatchSize() && isRunning());
	}

	private void forgetExpiredKeys() {
		int forgotten = this.idempotentRequests.forgetExpired();
		log.debug("Forgot {} expired idempotency keys", forgotten);
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("saga-sweeper").daemon().factory());
		every(executor, this.properties.sweepInterval(), this::sweep);
		every(executor, Duration.ofHours(1), this::forgetExpiredKeys);
		this.scheduler = executor;
	}

	private static void every(ScheduledExecutorService executor, Duration interval, Runnable work) {
		executor.scheduleWithFixedDelay(() -> {
			try {
				work.run();
			}
			catch (RuntimeException ex) {
				log.warn("Saga housekeeping failed, retrying next round: {}", ex.getMessage());
			}
		}, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdown();
			try {
				if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
					executor.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				executor.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
