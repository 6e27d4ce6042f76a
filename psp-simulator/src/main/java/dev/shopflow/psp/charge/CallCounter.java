package dev.shopflow.psp.charge;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts the calls that reached the provider, whatever their outcome (also the ones
 * failed by an injected fault): tests use it to prove that a client fails fast without
 * calling.
 */
@Component
class CallCounter {

	private final AtomicLong chargeCalls = new AtomicLong();

	private final AtomicLong refundCalls = new AtomicLong();

	private final MeterRegistry meters;

	CallCounter(MeterRegistry meters) {
		this.meters = meters;
	}

	void chargeCalled() {
		this.chargeCalls.incrementAndGet();
		this.meters.counter("psp.calls", "operation", "charge").increment();
	}

	void refundCalled() {
		this.refundCalls.incrementAndGet();
		this.meters.counter("psp.calls", "operation", "refund").increment();
	}

	CallStats stats() {
		return new CallStats(this.chargeCalls.get(), this.refundCalls.get());
	}

	void reset() {
		this.chargeCalls.set(0);
		this.refundCalls.set(0);
	}

	/**
	 * How many calls reached the provider.
	 *
	 * @param chargeCalls calls of {@code POST /v1/charges}
	 * @param refundCalls calls of {@code POST /v1/refunds}
	 */
	record CallStats(long chargeCalls, long refundCalls) {
	}

}
