package dev.shopflow.psp.charge;

/** An idempotency key came again with another amount or currency. */
class IdempotencyKeyReusedException extends RuntimeException {

	IdempotencyKeyReusedException(String key) {
		super("Idempotency key " + key + " was used for another charge");
	}

}
