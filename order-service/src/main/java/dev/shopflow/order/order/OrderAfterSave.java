package dev.shopflow.order.order;

import dev.shopflow.common.messages.OrderEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What follows the save of an order, in its transaction, besides storing it: requests
 * waiting for its outcome ({@code Prefer: wait}) are woken on every instance by a
 * PostgreSQL {@code NOTIFY} that is delivered on commit, and its metrics are counted
 * after the commit. The {@link OrderRepository} calls it and only persists.
 */
@Component
class OrderAfterSave {

	private final JdbcClient jdbc;

	private final OrderMetrics metrics;

	OrderAfterSave(JdbcClient jdbc, OrderMetrics metrics) {
		this.jdbc = jdbc;
		this.metrics = metrics;
	}

	void saved(Order order) {
		if (order.changes().messages().stream().anyMatch(OrderEvent.class::isInstance)) {
			OrderOutcomes.announce(this.jdbc, order.id());
		}
		this.metrics.recordAfterCommit(order);
	}

}
