package dev.shopflow.psp.fault;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Decides, call by call, which fault (if any) to inject. Thread-safe: the settings are
 * swapped atomically and the deterministic counters are decremented atomically.
 */
@Component
public class FaultInjector {

	private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);

	private final AtomicInteger failNextCalls = new AtomicInteger();

	private final AtomicInteger failAfterChargeNextCalls = new AtomicInteger();

	private final AtomicInteger timeoutNextCalls = new AtomicInteger();

	private final AtomicInteger clientErrorNextCalls = new AtomicInteger();

	private final MeterRegistry meters;

	private final Duration hold;

	FaultInjector(MeterRegistry meters, PspProperties properties) {
		this.meters = meters;
		this.hold = properties.timeoutHold();
	}

	/**
	 * Replaces the faults.
	 * @param faults the new settings
	 */
	public void set(Faults faults) {
		this.faults.set(faults);
		this.failNextCalls.set(faults.failNextCalls());
		this.failAfterChargeNextCalls.set(faults.failAfterChargeNextCalls());
		this.timeoutNextCalls.set(faults.timeoutNextCalls());
		this.clientErrorNextCalls.set(faults.clientErrorNextCalls());
	}

	/**
	 * The current settings, with what is left of the deterministic counts.
	 * @return the faults
	 */
	public Faults current() {
		Faults settings = this.faults.get();
		return new Faults(settings.errorRate(), settings.latencyMs(), settings.timeoutRate(),
				settings.failAfterChargeRate(), this.failNextCalls.get(), this.failAfterChargeNextCalls.get(),
				this.timeoutNextCalls.get(), settings.clientErrorStatus(), this.clientErrorNextCalls.get());
	}

	/**
	 * Runs before a call does anything: adds latency, holds the call (an answer that
	 * never comes) or fails it.
	 * @throws InjectedFaultException if the call must fail before anything is recorded
	 */
	public void beforeCall() {
		Faults settings = this.faults.get();
		if (settings.latencyMs() > 0) {
			pause(Duration.ofMillis(settings.latencyMs()));
		}
		if (takeOne(this.timeoutNextCalls) || happens(settings.timeoutRate())) {
			count("timeout");
			pause(this.hold);
			throw new InjectedFaultException("timeout");
		}
		if (takeOne(this.failNextCalls) || happens(settings.errorRate())) {
			count("error");
			throw new InjectedFaultException("error");
		}
	}

	/**
	 * Runs before a charge is recorded, after {@link #beforeCall()}.
	 * @throws InjectedFaultException if the charge must be refused with a 4xx
	 */
	public void beforeCharge() {
		if (takeOne(this.clientErrorNextCalls)) {
			count("client-error");
			throw new InjectedFaultException("client-error", this.faults.get().clientErrorStatus());
		}
	}

	/**
	 * Runs after a charge was recorded.
	 * @throws InjectedFaultException if the answer must be an error anyway
	 */
	public void afterCharge() {
		if (takeOne(this.failAfterChargeNextCalls) || happens(this.faults.get().failAfterChargeRate())) {
			count("fail-after-charge");
			throw new InjectedFaultException("fail-after-charge");
		}
	}

	private void count(String kind) {
		this.meters.counter("psp.faults.injected", "kind", kind).increment();
	}

	private static boolean takeOne(AtomicInteger counter) {
		return counter.getAndUpdate((left) -> Math.max(0, left - 1)) > 0;
	}

	private static boolean happens(double rate) {
		return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
