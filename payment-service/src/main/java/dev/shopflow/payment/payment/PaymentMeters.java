package dev.shopflow.payment.payment;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts payment outcomes ({@code shopflow.payments{outcome}}) once they are committed:
 * an outcome recorded in a transaction that rolls back (a batch settled again one by one)
 * is not counted.
 */
@Component
class PaymentMeters {

	private final MeterRegistry meters;

	PaymentMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	void count(String outcome) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			increment(outcome);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				increment(outcome);
			}
		});
	}

	private void increment(String outcome) {
		this.meters.counter("shopflow.payments", "outcome", outcome).increment();
	}

}
