package dev.shopflow.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders placed through the gateway at a steady rate by clients that behave as a careful
 * shop front-end does: a placement that fails (connection error, 409 in progress, 429,
 * 5xx) is sent again with the same {@code Idempotency-Key} and body, after its
 * {@code Retry-After} or a back-off doubling from 250 ms to 4 s, for up to
 * {@link #GIVE_UP} after its first attempt.
 */
final class SteadyLoad implements AutoCloseable {

	static final Duration GIVE_UP = Duration.ofSeconds(30);

	private static final long FIRST_BACKOFF_MS = 250;

	private static final long MAX_BACKOFF_MS = 4000;

	private static final Set<Integer> RESENT = Set.of(409, 429, 500, 502, 503, 504);

	private final Shop shop;

	private final String token;

	private final List<String> skus;

	private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicInteger placed = new AtomicInteger();

	private final AtomicInteger resent = new AtomicInteger();

	private final Map<UUID, Instant> accepted = new ConcurrentHashMap<>();

	private final Map<String, Integer> refused = new ConcurrentHashMap<>();

	private final Set<String> open = ConcurrentHashMap.newKeySet();

	private ScheduledFuture<?> placing;

	private SteadyLoad(Shop shop, String token, List<String> skus) {
		this.shop = shop;
		this.token = token;
		this.skus = skus;
	}

	/**
	 * Starts placing orders.
	 * @param shop the client
	 * @param token a customer's token
	 * @param skus the products ordered, in turn
	 * @param perSecond orders placed per second
	 * @return the running load
	 */
	static SteadyLoad start(Shop shop, String token, List<String> skus, int perSecond) {
		SteadyLoad load = new SteadyLoad(shop, token, skus);
		load.placing = load.clock.scheduleAtFixedRate(load::placeOne, 0, 1000 / perSecond, TimeUnit.MILLISECONDS);
		return load;
	}

	private void placeOne() {
		int number = this.placed.incrementAndGet();
		Placement placement = new Placement("load-" + UUID.randomUUID(), this.skus.get(number % this.skus.size()),
				1 + number % 3, Instant.now(), 0);
		this.open.add(placement.key());
		send(placement);
	}

	private void send(Placement placement) {
		this.clients.execute(() -> {
			int status;
			String body = null;
			long retryAfterMs = 0;
			try {
				HttpResponse<String> response = this.shop.placeOrder(this.token, placement.key(), placement.sku(),
						placement.quantity(), "tok_ok_visa");
				status = response.statusCode();
				body = response.body();
				retryAfterMs = response.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
			}
			catch (IOException ex) {
				status = -1;
			}
			catch (Exception ex) {
				status = -2;
			}
			settle(placement, status, body, retryAfterMs);
		});
	}

	private void settle(Placement placement, int status, String body, long retryAfterMs) {
		if (status == 202) {
			UUID id = UUID.fromString(Shop.JSON.readTree(body).path("id").asString());
			this.accepted.put(id, placement.firstAttempt());
			this.open.remove(placement.key());
		}
		else if ((status == -1 || RESENT.contains(status))
				&& Instant.now().isBefore(placement.firstAttempt().plus(GIVE_UP))) {
			this.resent.incrementAndGet();
			Placement again = placement.again();
			long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(placement.resends(), 4));
			this.clock.schedule(() -> send(again), Math.max(backoff, retryAfterMs), TimeUnit.MILLISECONDS);
		}
		else {
			this.refused.merge(Integer.toString(status), 1, Integer::sum);
			this.open.remove(placement.key());
		}
	}

	/**
	 * @return accepted orders and when each was first sent
	 */
	Map<UUID, Instant> accepted() {
		return Map.copyOf(this.accepted);
	}

	/**
	 * @return placements given up, by their last status (-1: connection error)
	 */
	Map<String, Integer> refused() {
		return Map.copyOf(this.refused);
	}

	int placed() {
		return this.placed.get();
	}

	int resent() {
		return this.resent.get();
	}

	/** Stops placing new orders and waits for the placements still being sent. */
	@Override
	public void close() {
		this.placing.cancel(false);
		org.awaitility.Awaitility.await().atMost(GIVE_UP.plusSeconds(30)).until(this.open::isEmpty);
		this.clock.shutdown();
		this.clients.close();
	}

	private record Placement(String key, String sku, int quantity, Instant firstAttempt, int resends) {

		Placement again() {
			return new Placement(this.key, this.sku, this.quantity, this.firstAttempt, this.resends + 1);
		}

	}

}
