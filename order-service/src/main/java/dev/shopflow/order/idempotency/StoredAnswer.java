package dev.shopflow.order.idempotency;

import java.util.UUID;

/**
 * The first answer to a request with an idempotency key, replayed for its retries.
 *
 * @param resourceId the id of what the first request created
 * @param status the HTTP status of the answer
 * @param body the body of the answer, exactly as sent
 */
public record StoredAnswer(UUID resourceId, int status, String body) {

}
