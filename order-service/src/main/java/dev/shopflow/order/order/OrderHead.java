package dev.shopflow.order.order;

import java.time.Instant;

/**
 * What an order was placed with and never changes.
 *
 * @param id the order's id
 * @param customerId who placed it
 * @param createdAt when
 * @param traceparent the W3C trace context of the placement, carried by its messages
 * @param deadline when its saga times out
 */
record OrderHead(OrderId id, String customerId, Instant createdAt, String traceparent, Instant deadline) {
}
