package dev.shopflow.order.idempotency;

/** The request has no idempotency key, or one that is not valid. */
public class InvalidIdempotencyKeyException extends RuntimeException {

	InvalidIdempotencyKeyException(String message) {
		super(message);
	}

}
