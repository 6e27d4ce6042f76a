package dev.shopflow.benchmark;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * One virtual customer's order: place it ({@code POST /api/orders} with an
 * {@code Idempotency-Key}), then ask for it until it is final: with {@code Prefer: wait}
 * (held by the stack until the order is decided) or by polling. Every latency is measured
 * from the moment the order was <em>meant</em> to be placed, so a stalled stack cannot
 * hide its stall by slowing the load down (no coordinated omission).
 */
final class OrderJourney {

	private static final Duration MAX_POLL_DELAY = Duration.ofSeconds(2);

	static final Set<String> FINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

	private final ShopClient shop;

	private final Customer customer;

	private final String body;

	private final Phase phase;

	private final Timeline timeline;

	private final long intendedNanos;

	private final long intendedEpochMicros;

	private final ShopClient.Polling polling;

	private long pollDelayNanos;

	private String orderId;

	OrderJourney(ShopClient shop, Customer customer, String body, Phase phase, Timeline timeline, long intendedNanos,
			long intendedEpochMicros, ShopClient.Polling polling) {
		this.shop = shop;
		this.customer = customer;
		this.body = body;
		this.phase = phase;
		this.timeline = timeline;
		this.intendedNanos = intendedNanos;
		this.intendedEpochMicros = intendedEpochMicros;
		this.polling = polling;
		this.pollDelayNanos = polling.interval().toNanos();
	}

	void start() {
		this.phase.inFlight.incrementAndGet();
		this.shop.placeOrder(this.customer.token(), UUID.randomUUID().toString(), this.body).whenComplete(this::placed);
	}

	private void placed(HttpResponse<String> response, Throwable failure) {
		guarded(() -> onPlaced(response, failure));
	}

	private void polled(HttpResponse<String> response, Throwable failure) {
		guarded(() -> onPolled(response, failure));
	}

	// a callback that throws would leave the journey in flight for ever
	private void guarded(Runnable callback) {
		try {
			callback.run();
		}
		catch (RuntimeException ex) {
			this.phase.error("client " + ex.getClass().getSimpleName());
			end();
		}
	}

	private void onPlaced(HttpResponse<String> response, Throwable failure) {
		long now = System.nanoTime();
		if (failure != null || response.statusCode() != 202) {
			if (failure == null && Refusal.isRefusal(response.statusCode())) {
				// turned away (shed or rate-limited): counted, never retried, so that the
				// load
				// stays at the offered rate
				this.phase.refusal(Refusal.describe(response));
			}
			this.phase.error("POST /api/orders " + describe(response, failure));
			this.timeline.error(now);
			end();
			return;
		}
		this.phase.placement.recordNanos(now - this.intendedNanos);
		this.phase.placed.increment();
		this.timeline.placed(now, now - this.intendedNanos);
		this.orderId = ShopClient.JSON.readTree(response.body()).path("id").asString();
		if (this.polling.outcomeWait().isZero()) {
			pollLater();
		}
		else {
			// held by the stack until the order is decided: no need to ask again later
			poll();
		}
	}

	private void poll() {
		if (this.phase.abandoned) {
			end();
			return;
		}
		this.shop.order(this.customer.token(), this.orderId, this.polling.outcomeWait()).whenComplete(this::polled);
	}

	private void onPolled(HttpResponse<String> response, Throwable failure) {
		long now = System.nanoTime();
		if (failure != null || response.statusCode() != 200) {
			this.phase.error("GET /api/orders/{id} " + describe(response, failure));
			this.timeline.error(now);
			pollLater();
			return;
		}
		JsonNode order = ShopClient.JSON.readTree(response.body());
		String status = order.path("status").asString();
		if (!FINAL.contains(status)) {
			if (!this.polling.outcomeWait().isZero()
					&& response.headers().firstValue("Preference-Applied").isPresent()) {
				// held for the whole wait and still pending: wait again
				poll();
			}
			else {
				// polling, or the stack was too busy to hold the request: ask again later
				pollLater();
			}
			return;
		}
		completed(now, order, status);
	}

	private void completed(long now, JsonNode order, String status) {
		this.phase.toFinalObserved.recordNanos(now - this.intendedNanos);
		long updated = epochMicros(order.path("updatedAt").asString());
		long created = epochMicros(order.path("createdAt").asString());
		if (updated > 0) {
			// the stack and this generator share one clock when the stack is local
			this.phase.toFinalServer.recordMicros(updated - this.intendedEpochMicros);
			if (created > 0) {
				this.phase.sagaServer.recordMicros(updated - created);
			}
		}
		String reason = order.path("failureReason").asString("");
		this.phase.outcome(reason.isEmpty() ? status : status + " " + reason);
		if (isGood(status, reason) && now - this.intendedNanos <= this.phase.sagaDeadline().toNanos()) {
			this.phase.goodWithinDeadline.increment();
		}
		if ("REJECTED".equals(status) && "TIMEOUT".equals(reason)) {
			this.phase.rejectedTimeout.increment();
		}
		this.phase.completed.increment();
		this.phase.lastCompletionNanos.accumulateAndGet(now, Math::max);
		this.timeline.completed(now, now - this.intendedNanos);
		end();
	}

	/**
	 * Polls at the poll interval while the order is young; an order older than the
	 * back-off age is polled ever less often (up to every 2 s), as a real client would,
	 * so that a slow stack is not buried under status requests.
	 */
	private void pollLater() {
		if (System.nanoTime() - this.intendedNanos > this.polling.backOffAfter().toNanos()) {
			this.pollDelayNanos = Math.min(this.pollDelayNanos * 2, MAX_POLL_DELAY.toNanos());
		}
		Executor later = CompletableFuture.delayedExecutor(this.pollDelayNanos, TimeUnit.NANOSECONDS,
				this.shop.callbacks());
		later.execute(this::poll);
	}

	private void end() {
		this.phase.inFlight.decrementAndGet();
	}

	/**
	 * The outcomes a customer wanted: confirmed, or declined by the card's issuer (the
	 * stack did its job).
	 */
	static boolean isGood(String status, String reason) {
		return "CONFIRMED".equals(status) || ("REJECTED".equals(status) && reason.endsWith("PAYMENT_DECLINED"));
	}

	private static long epochMicros(String timestamp) {
		if (timestamp == null || timestamp.isEmpty()) {
			return 0;
		}
		Instant instant = Instant.parse(timestamp);
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
	}

	private static String describe(HttpResponse<String> response, Throwable failure) {
		if (failure == null) {
			return Integer.toString(response.statusCode());
		}
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof HttpTimeoutException) {
			return "timeout";
		}
		if (cause instanceof IOException) {
			return "I/O error (" + cause.getClass().getSimpleName() + ")";
		}
		return cause.getClass().getSimpleName();
	}

	/**
	 * A virtual customer.
	 *
	 * @param id the token's subject
	 * @param token the dev token
	 */
	record Customer(String id, String token) {

	}

}
