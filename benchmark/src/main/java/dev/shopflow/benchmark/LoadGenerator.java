package dev.shopflow.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import dev.shopflow.benchmark.OrderJourney.Customer;

/**
 * The open-model load: orders are started at fixed intervals whatever the stack answers
 * (a real shop's customers do not wait for each other), each by one virtual customer
 * picked at random, with 1 to 3 lines over the benchmark catalogue.
 */
final class LoadGenerator {

	/** Beyond this many orders in flight the generator itself would fall over. */
	private static final int MAX_IN_FLIGHT = 50_000;

	private final ShopClient shop;

	private final List<Customer> customers;

	private final List<String> skus;

	private final Timeline timeline;

	private final ShopClient.Polling polling;

	private final double declineRatio;

	LoadGenerator(ShopClient shop, List<Customer> customers, List<String> skus, Timeline timeline,
			ShopClient.Polling polling, double declineRatio) {
		this.shop = shop;
		this.customers = customers;
		this.skus = skus;
		this.timeline = timeline;
		this.polling = polling;
		this.declineRatio = declineRatio;
	}

	/**
	 * Offers the phase's rate for its duration, then waits until its orders are final or
	 * the drain timeout has passed.
	 * @param phase the phase
	 * @param drainTimeout how long pending orders may still take
	 */
	void run(Phase phase, Duration drainTimeout) {
		long interval = Math.round(1e9 / phase.rate());
		long count = Math.round(phase.rate() * phase.duration().toNanos() / 1e9);
		long startNanos = System.nanoTime();
		long startEpochMicros = System.currentTimeMillis() * 1000;
		phase.startNanos = startNanos;
		for (long i = 0; i < count; i++) {
			long intended = startNanos + i * interval;
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			offer(phase, intended, startEpochMicros + (intended - startNanos) / 1000);
		}
		phase.loadEndNanos = startNanos + count * interval;
		drain(phase, drainTimeout);
	}

	private void offer(Phase phase, long intendedNanos, long intendedEpochMicros) {
		phase.scheduled.increment();
		this.timeline.offered(intendedNanos);
		if (phase.inFlight.get() >= MAX_IN_FLIGHT) {
			phase.error("not sent: generator overloaded");
			this.timeline.error(intendedNanos);
			return;
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Customer customer = this.customers.get(random.nextInt(this.customers.size()));
		new OrderJourney(this.shop, customer, orderBody(random), phase, this.timeline, intendedNanos,
				intendedEpochMicros, this.polling)
			.start();
	}

	private String orderBody(ThreadLocalRandom random) {
		int lines = 1 + random.nextInt(3);
		int first = random.nextInt(this.skus.size());
		StringBuilder body = new StringBuilder("{\"items\":[");
		for (int line = 0; line < lines; line++) {
			// distinct skus: consecutive ones from a random start
			String sku = this.skus.get((first + line) % this.skus.size());
			body.append((line > 0) ? "," : "")
				.append("{\"sku\":\"")
				.append(sku)
				.append("\",\"quantity\":")
				.append(1 + random.nextInt(3))
				.append('}');
		}
		String card = (random.nextDouble() < this.declineRatio) ? "tok_decline_visa" : "tok_ok_visa";
		return body.append("],\"paymentMethod\":{\"token\":\"").append(card).append("\"}}").toString();
	}

	private static void drain(Phase phase, Duration drainTimeout) {
		long deadline = System.nanoTime() + drainTimeout.toNanos();
		while (phase.inFlight.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
		phase.notFinal = phase.inFlight.get();
		phase.abandoned = true;
		phase.drainedNanos = System.nanoTime();
	}

}
