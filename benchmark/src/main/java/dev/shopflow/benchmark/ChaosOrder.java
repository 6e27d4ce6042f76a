package dev.shopflow.benchmark;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * One customer's order in the chaos run, as a careful client places it: the {@code POST}
 * is sent again with the same {@code Idempotency-Key} after any failure (no answer, a
 * 5xx, a refusal with {@code Retry-After}) until it is accepted, then the order is asked
 * for ({@code Prefer: wait}) until it is final. Runs on its own virtual thread; times are
 * wall-clock instants, so they can be set beside the faults'.
 */
final class ChaosOrder implements Runnable {

	private static final Duration MAX_BACK_OFF = Duration.ofSeconds(4);

	private final ShopClient shop;

	private final String token;

	private final String body;

	private final Duration giveUp;

	private final String key = UUID.randomUUID().toString();

	volatile Instant firstAttempt;

	volatile Instant accepted;

	volatile Instant observedFinal;

	volatile String orderId;

	volatile String status;

	volatile String reason = "";

	volatile int attempts;

	/** Why placements were sent again: answer (status and problem type) to count. */
	final java.util.Map<String, Integer> resentBecause = new java.util.concurrent.ConcurrentHashMap<>();

	ChaosOrder(ShopClient shop, String token, String body, Duration giveUp) {
		this.shop = shop;
		this.token = token;
		this.body = body;
		this.giveUp = giveUp;
	}

	@Override
	public void run() {
		this.firstAttempt = Instant.now();
		long deadline = System.nanoTime() + this.giveUp.toNanos();
		Duration backOff = Duration.ofMillis(250);
		while (this.orderId == null && System.nanoTime() < deadline) {
			this.attempts++;
			HttpResponse<String> response = call(() -> this.shop.placeOrder(this.token, this.key, this.body));
			if (response != null && (response.statusCode() == 202 || response.statusCode() == 200)) {
				this.orderId = ShopClient.JSON.readTree(response.body()).path("id").asString();
				this.accepted = Instant.now();
				break;
			}
			// 409: the first request with this key is still being processed (API.md), ask
			// again
			if (response != null && response.statusCode() >= 400 && response.statusCode() < 500
					&& response.statusCode() != 429 && response.statusCode() != 408 && response.statusCode() != 409) {
				// refused for good (a client error): nothing to resend
				this.status = "REFUSED " + response.statusCode();
				return;
			}
			this.resentBecause.merge(describe(response), 1, Integer::sum);
			backOff = pause(response, backOff);
		}
		// once accepted, the customer keeps asking until the order is final
		long askUntil = System.nanoTime() + this.giveUp.multipliedBy(2).toNanos();
		while (this.orderId != null && this.status == null && System.nanoTime() < askUntil) {
			HttpResponse<String> response = call(
					() -> this.shop.order(this.token, this.orderId, Duration.ofSeconds(10)));
			if (response != null && response.statusCode() == 200) {
				JsonNode order = ShopClient.JSON.readTree(response.body());
				String current = order.path("status").asString();
				if (OrderJourney.FINAL.contains(current)) {
					this.observedFinal = Instant.now();
					this.reason = order.path("failureReason").asString("");
					this.status = current;
				}
			}
			else {
				backOff = pause(response, backOff);
			}
		}
	}

	/** Whether the customer got what a working shop gives: an order, or a clear no. */
	boolean good() {
		return "CONFIRMED".equals(this.status) || ("REJECTED".equals(this.status)
				&& (this.reason.endsWith("PAYMENT_DECLINED") || this.reason.endsWith("OUT_OF_STOCK")));
	}

	/**
	 * How it ended, as the report names it.
	 * @return the status and reason, or never accepted, or not final
	 */
	String outcome() {
		if (this.status == null) {
			return (this.orderId == null) ? "never accepted" : "not final";
		}
		return this.reason.isEmpty() ? this.status : this.status + " " + this.reason;
	}

	/** From the first attempt to the final status, as the customer saw it. */
	Duration toFinal() {
		return (this.observedFinal != null) ? Duration.between(this.firstAttempt, this.observedFinal) : null;
	}

	private static HttpResponse<String> call(
			java.util.function.Supplier<java.util.concurrent.CompletableFuture<HttpResponse<String>>> request) {
		try {
			return request.get().get(40, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (Exception ex) {
			// no answer (connection refused, reset, timeout): try again
			return null;
		}
	}

	private static String describe(HttpResponse<String> response) {
		if (response == null) {
			return "no answer";
		}
		String type = "";
		if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
			String uri = ShopClient.JSON.readTree(response.body()).path("type").asString("");
			type = " " + uri.substring(uri.lastIndexOf('/') + 1);
		}
		return response.statusCode() + type;
	}

	private static Duration retryAfter(String value, Duration otherwise) {
		try {
			return Duration.ofSeconds(Math.min(Long.parseLong(value.trim()), MAX_BACK_OFF.toSeconds()));
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}

	private static Duration pause(HttpResponse<String> response, Duration backOff) {
		Duration wait = backOff;
		if (response != null) {
			wait = response.headers()
				.firstValue("Retry-After")
				.map((value) -> retryAfter(value, backOff))
				.orElse(backOff);
		}
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Duration next = backOff.multipliedBy(2);
		return (next.compareTo(MAX_BACK_OFF) > 0) ? MAX_BACK_OFF : next;
	}

}
