package dev.shopflow.order.order;

import java.util.UUID;

/**
 * The answer to placing an order: the first one, or the replay of the first one for a
 * retry with the same idempotency key.
 *
 * @param orderId the order
 * @param status the HTTP status of the answer
 * @param body the body, exactly as first sent
 * @param replayed whether this is a replay
 */
public record Placement(UUID orderId, int status, String body, boolean replayed) {

}
