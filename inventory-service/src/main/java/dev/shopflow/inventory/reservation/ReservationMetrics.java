package dev.shopflow.inventory.reservation;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts what the reservations did, once their transaction committed (a rolled-back
 * attempt that is retried counts once). Tags are low-cardinality only: never a sku or an
 * order id.
 */
@Component
class ReservationMetrics {

	private final MeterRegistry meters;

	ReservationMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void accepted() {
		afterCommit(() -> this.meters.counter("shopflow.inventory.reservations.accepted").increment());
	}

	void rejected(String reason) {
		afterCommit(
				() -> this.meters.counter("shopflow.inventory.reservations.rejected", "reason", reason).increment());
	}

	void released(boolean released) {
		afterCommit(() -> this.meters.counter("shopflow.inventory.releases", "released", String.valueOf(released))
			.increment());
	}

	void committed(boolean committed) {
		afterCommit(
				() -> this.meters.counter("shopflow.inventory.commits", "outcome", committed ? "committed" : "refused")
					.increment());
	}

	private static void afterCommit(Runnable count) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			count.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				count.run();
			}
		});
	}

}
