package dev.shopflow.order.saga;

import dev.shopflow.defaults.background.BackgroundTask;
import dev.shopflow.order.system.OrderProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The saga's clock: every {@code sweep-interval} finds overdue sagas and due payment
 * retries in the database (so it also finds those of a previous run) and advances them,
 * batch after batch while batches come back full. Safe with several instances: sweeps
 * lock rows with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class SagaSweeper extends BackgroundTask {

	private final OrderSaga saga;

	private final TransactionTemplate transactions;

	private final OrderProperties properties;

	SagaSweeper(OrderSaga saga, TransactionTemplate transactions, OrderProperties properties, MeterRegistry meters) {
		super("saga-sweeper", properties.sweepInterval(), meters);
		this.saga = saga;
		this.transactions = transactions;
		this.properties = properties;
	}

	@Override
	protected boolean runOnce() {
		Integer swept = this.transactions.execute((status) -> this.saga.sweep());
		return swept != null && swept >= this.properties.sweepBatchSize();
	}

}
