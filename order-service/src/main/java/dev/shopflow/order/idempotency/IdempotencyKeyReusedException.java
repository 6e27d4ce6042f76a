package dev.shopflow.order.idempotency;

/** The idempotency key was used before with a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

	IdempotencyKeyReusedException() {
		super("This Idempotency-Key was already used with a different request.");
	}

}
