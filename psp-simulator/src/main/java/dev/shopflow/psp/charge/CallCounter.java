package dev.shopflow.psp.charge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

	private final AtomicLong chargesInProgress = new AtomicLong();

	private final AtomicLong maxConcurrentCharges = new AtomicLong();

	private final Map<String, AtomicLong> chargeCallsByKey = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	CallCounter(MeterRegistry meters) {
		this.meters = meters;
	}

	void chargeCalled(String idempotencyKey) {
		this.chargeCalls.incrementAndGet();
		if (idempotencyKey != null) {
			this.chargeCallsByKey.computeIfAbsent(idempotencyKey, (key) -> new AtomicLong()).incrementAndGet();
		}
		this.meters.counter("psp.calls", "operation", "charge").increment();
	}

	// the most charge calls handled at once since the last reset: shows whether a client
	// calls concurrently
	void chargeStarted() {
		long now = this.chargesInProgress.incrementAndGet();
		this.maxConcurrentCharges.accumulateAndGet(now, Math::max);
	}

	void chargeEnded() {
		this.chargesInProgress.decrementAndGet();
	}

	void refundCalled() {
		this.refundCalls.incrementAndGet();
		this.meters.counter("psp.calls", "operation", "refund").increment();
	}

	CallStats stats(String idempotencyKey) {
		AtomicLong forKey = (idempotencyKey != null) ? this.chargeCallsByKey.get(idempotencyKey) : null;
		return new CallStats(this.chargeCalls.get(), this.refundCalls.get(), (forKey != null) ? forKey.get() : 0,
				this.maxConcurrentCharges.get());
	}

	void resetConcurrency() {
		this.maxConcurrentCharges.set(this.chargesInProgress.get());
	}

	void reset() {
		this.chargeCallsByKey.clear();
		this.chargeCalls.set(0);
		this.refundCalls.set(0);
		this.maxConcurrentCharges.set(this.chargesInProgress.get());
	}

	/**
	 * How many calls reached the provider.
	 *
	 * @param chargeCalls calls of {@code POST /v1/charges}
	 * @param refundCalls calls of {@code POST /v1/refunds}
	 * @param chargeCallsForKey calls of {@code POST /v1/charges} with the idempotency key
	 * asked about
	 * @param maxConcurrentCharges the most charge calls handled at once since the last
	 * reset
	 */
	record CallStats(long chargeCalls, long refundCalls, long chargeCallsForKey, long maxConcurrentCharges) {
	}

}
