package dev.shopflow.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

/**
 * Token buckets per caller in this gateway's memory, for when no Redis is configured (one
 * gateway instance, local runs, tests). Hand-written rather than a library: it has to
 * follow exactly the semantics of Spring Cloud Gateway's {@code RedisRateLimiter}
 * (replenish rate and burst capacity per second) that replaces it when Redis is there,
 * which is a dozen lines; buckets of callers idle for a minute are dropped so the map
 * stays small.
 */
class InMemoryRateLimiter implements CallerRateLimiter {

	private static final long IDLE_NANOS = 60_000_000_000L;

	private final int replenishRate;

	private final int burstCapacity;

	private final LongSupplier clock;

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private volatile long lastSweep;

	InMemoryRateLimiter(int replenishRate, int burstCapacity, LongSupplier nanoClock) {
		this.replenishRate = replenishRate;
		this.burstCapacity = burstCapacity;
		this.clock = nanoClock;
		this.lastSweep = nanoClock.getAsLong();
	}

	@Override
	public Mono<Decision> tryAcquire(String caller) {
		long now = this.clock.getAsLong();
		sweep(now);
		Bucket bucket = this.buckets.computeIfAbsent(caller, (key) -> new Bucket(this.burstCapacity, now));
		synchronized (bucket) {
			bucket.refill(now, this.replenishRate, this.burstCapacity);
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return Mono.just(new Decision(true, 0));
			}
			double missing = 1 - bucket.tokens;
			long retryAfter = Math.max(1, (long) Math.ceil(missing / this.replenishRate));
			return Mono.just(new Decision(false, retryAfter));
		}
	}

	private void sweep(long now) {
		if (now - this.lastSweep > IDLE_NANOS) {
			this.lastSweep = now;
			this.buckets.values().removeIf((bucket) -> now - bucket.updated > IDLE_NANOS);
		}
	}

	private static final class Bucket {

		private double tokens;

		private volatile long updated;

		private Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.updated = now;
		}

		private void refill(long now, int rate, int capacity) {
			double elapsedSeconds = (now - this.updated) / 1e9;
			this.tokens = Math.min(capacity, this.tokens + elapsedSeconds * rate);
			this.updated = now;
		}

	}

}
