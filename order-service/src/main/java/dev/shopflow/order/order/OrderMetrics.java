package dev.shopflow.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.OrderCancelled;
import dev.shopflow.common.messages.OrderConfirmed;
import dev.shopflow.common.messages.OrderRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The business metrics of orders: placed, confirmed, rejected by reason, cancelled, and
 * how long sagas take. Counted only once the transition committed.
 */
@Component
public class OrderMetrics {

	private final MeterRegistry meters;

	private final Counter placed;

	private final Counter confirmed;

	private final Counter cancelled;

	private final SagaAdmission admission;

	OrderMetrics(MeterRegistry meters, SagaAdmission admission) {
		this.meters = meters;
		this.admission = admission;
		this.placed = Counter.builder("shopflow.orders.placed").description("Orders placed").register(meters);
		this.confirmed = Counter.builder("shopflow.orders.confirmed").description("Orders confirmed").register(meters);
		this.cancelled = Counter.builder("shopflow.orders.cancelled").description("Orders cancelled").register(meters);
	}

	void recordAfterCommit(Order order) {
		List<Runnable> records = new ArrayList<>();
		for (Message message : order.changes().messages()) {
			switch (message) {
				case OrderConfirmed confirmation -> records.add(this.confirmed::increment);
				case OrderCancelled cancellation -> records.add(this.cancelled::increment);
				case OrderRejected rejection -> records.add(() -> Counter.builder("shopflow.orders.rejected")
					.description("Orders rejected, by reason")
					.tag("reason", rejection.reason())
					.register(this.meters)
					.increment());
				default -> {
				}
			}
		}
		if (order.changes().endedSaga()) {
			Duration duration = Duration.between(order.head().createdAt(), Instant.now());
			String outcome = order.status().name();
			records.add(() -> sagaDuration(outcome).record(duration));
			records.add(() -> this.admission.sagaEnded(duration));
		}
		if (!records.isEmpty()) {
			afterCommit(() -> records.forEach(Runnable::run));
		}
	}

	void placedAfterCommit() {
		afterCommit(() -> {
			this.placed.increment();
			this.admission.placementCommitted();
		});
	}

	private Timer sagaDuration(String outcome) {
		return Timer.builder("shopflow.saga.duration")
			.description("From placing an order to the end of its saga")
			.tag("outcome", outcome)
			.publishPercentiles(0.5, 0.95, 0.99)
			.publishPercentileHistogram()
			.register(this.meters);
	}

	private static void afterCommit(Runnable work) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			work.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				work.run();
			}
		});
	}

}
