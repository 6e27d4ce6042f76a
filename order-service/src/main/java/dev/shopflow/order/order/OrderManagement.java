package dev.shopflow.order.order;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.shopflow.defaults.security.Caller;
import dev.shopflow.defaults.tracing.TraceContexts;
import dev.shopflow.order.idempotency.IdempotencyKey;
import dev.shopflow.order.idempotency.IdempotentRequests;
import dev.shopflow.order.idempotency.StoredAnswer;
import dev.shopflow.order.system.OrderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What clients do with orders: place one (idempotently), read, list, cancel, and follow
 * its saga's timeline. A customer only ever sees their own orders; another customer's
 * order does not exist for them.
 */
@Service
public class OrderManagement {

	private static final Logger log = LoggerFactory.getLogger(OrderManagement.class);

	private static final int ACCEPTED = 202;

	private final OrderRepository orders;

	private final IdempotentRequests idempotentRequests;

	private final OrderProperties properties;

	private final OrderMetrics metrics;

	private final JsonMapper json;

	private final OrderOutcomes outcomes;

	private final TraceContexts traces;

	OrderManagement(OrderRepository orders, IdempotentRequests idempotentRequests, OrderProperties properties,
			OrderMetrics metrics, JsonMapper json, OrderOutcomes outcomes, TraceContexts traces) {
		this.orders = orders;
		this.traces = traces;
		this.outcomes = outcomes;
		this.idempotentRequests = idempotentRequests;
		this.properties = properties;
		this.metrics = metrics;
		this.json = json;
	}

	/**
	 * Places an order and starts its saga, or replays the first answer for a retry with
	 * the same idempotency key; the order, its first saga command and the key's answer
	 * commit together.
	 * @param customerId the customer placing it
	 * @param key the request's idempotency key
	 * @param request what to order
	 * @param traceparent W3C trace context of the request, or {@code null}
	 * @return the answer
	 */
	@Transactional
	public Placement place(String customerId, IdempotencyKey key, PlaceOrderRequest request, String traceparent) {
		request.checkEachSkuOnce();
		String fingerprint = request.fingerprint();
		Optional<StoredAnswer> previous = this.idempotentRequests.claim(customerId, key, fingerprint);
		if (previous.isPresent()) {
			StoredAnswer answer = previous.get();
			return new Placement(answer.resourceId(), answer.status(), answer.body(), true);
		}
		List<OrderLine> lines = request.items()
			.stream()
			.map((item) -> new OrderLine(item.sku(), item.quantity(), null))
			.toList();
		Order order = Order.place(OrderId.random(), customerId, lines, request.paymentMethod().token(),
				this.properties.currency(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
				this.properties.sagaDeadline(), this.traces.currentTraceparent(validTraceparent(traceparent)));
		String body = this.json.writeValueAsString(OrderView.of(order));
		this.orders.insert(order);
		this.idempotentRequests.remember(customerId, key, fingerprint,
				new StoredAnswer(order.id().value(), ACCEPTED, body), this.properties.idempotencyRetention());
		this.metrics.placedAfterCommit();
		log.debug("Order {} placed by {}", order.id(), customerId);
		return new Placement(order.id().value(), ACCEPTED, body, false);
	}

	/**
	 * Reads an order.
	 * @param caller who asks
	 * @param id the order
	 * @return the order
	 * @throws OrderNotFoundException if there is none the caller may see
	 */
	@Transactional(readOnly = true)
	public OrderView get(Caller caller, OrderId id) {
		return OrderView.of(visible(caller, this.orders.findById(id), id));
	}

	/**
	 * Reads an order once its saga has an outcome, waiting for it while the order is
	 * {@code PENDING}, at most for the given time. Holds no connection and no transaction
	 * while it waits.
	 * @param caller who asks
	 * @param id the order
	 * @param wait the longest to wait (the caller caps it at {@link #maxWait()})
	 * @return the order: not {@code PENDING}, or still {@code PENDING} after the wait;
	 * empty if too many requests wait already (read it without waiting then)
	 * @throws OrderNotFoundException if there is none the caller may see
	 */
	public Optional<OrderView> awaitOutcome(Caller caller, OrderId id, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		Optional<OrderOutcomes.Subscription> subscription = this.outcomes.subscribe(id);
		if (subscription.isEmpty()) {
			return Optional.empty();
		}
		try (OrderOutcomes.Subscription outcome = subscription.get()) {
			OrderView order = get(caller, id);
			while (order.status() == OrderStatus.PENDING && outcome.await(deadline)) {
				order = get(caller, id);
			}
			return Optional.of(order);
		}
	}

	/**
	 * The longest a request may wait for an order's outcome.
	 * @return {@code shopflow.orders.max-wait}
	 */
	public Duration maxWait() {
		return this.properties.maxWait();
	}

	/**
	 * Lists orders, newest first: a customer's own, or for an admin everyone's (or one
	 * customer's).
	 * @param caller who asks
	 * @param status only orders in this status, or {@code null}
	 * @param customerId for an admin: only this customer's orders, or {@code null}
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public OrderPageView list(Caller caller, OrderStatus status, String customerId, int page, int size) {
		String owner = caller.isAdmin() ? customerId : caller.id();
		OrderRepository.OrderPage found = this.orders.findPage(owner, status, page, size);
		return new OrderPageView(found.orders().stream().map(OrderView::of).toList(), page, size, found.totalItems());
	}

	/**
	 * Cancels an order: a pending one is compensated, a confirmed one refunded and its
	 * stock released.
	 * @param caller who asks
	 * @param id the order
	 * @return the cancelled order
	 * @throws OrderNotFoundException if there is none the caller may see
	 * @throws OrderNotCancellableException if it is already rejected or cancelled
	 */
	@Transactional
	public OrderView cancel(Caller caller, OrderId id) {
		Order order = visible(caller, this.orders.findForUpdate(id), id);
		order.cancel(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		this.orders.save(order);
		log.info("Order {} cancelled by {}", id, caller.id());
		return OrderView.of(order);
	}

	/**
	 * The steps of an order's saga, oldest first.
	 * @param caller who asks
	 * @param id the order
	 * @return the timeline
	 * @throws OrderNotFoundException if there is none the caller may see
	 */
	@Transactional(readOnly = true)
	public List<TimelineEntryView> timeline(Caller caller, OrderId id) {
		visible(caller, this.orders.findById(id), id);
		return this.orders.timeline(id).stream().map(TimelineEntryView::of).toList();
	}

	private static Order visible(Caller caller, Optional<Order> order, OrderId id) {
		return order.filter((found) -> caller.mayAccess(found.head().customerId()))
			.orElseThrow(() -> new OrderNotFoundException(id));
	}

	// the saga's messages carry the context of this request's server span (the order's
	// trace), else the caller's when tracing is off
	private static String validTraceparent(String traceparent) {
		return TraceContexts.isValid(traceparent) ? traceparent : null;
	}

}
