package dev.shopflow.inventory.reservation;

/**
 * A command that breaks the message contract in a way decoding cannot see (e.g. one sku
 * on two lines). It is retried a bounded number of times and then dead-lettered.
 */
class InvalidCommandException extends RuntimeException {

	InvalidCommandException(String message) {
		super(message);
	}

}
