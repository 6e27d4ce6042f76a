package dev.shopflow.order.idempotency;

/** Another request with the same idempotency key is still being processed. */
public class IdempotencyKeyInUseException extends RuntimeException {

	IdempotencyKeyInUseException() {
		super("A request with this Idempotency-Key is still being processed; retry later.");
	}

}
