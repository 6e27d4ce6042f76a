package dev.shopflow.inventory.reservation;

import dev.shopflow.common.PermanentMessageException;

/**
 * A command that breaks the message contract in a way decoding cannot see (e.g. one sku
 * on two lines). It is dead-lettered at once: no retry can make it valid.
 */
class InvalidCommandException extends PermanentMessageException {

	InvalidCommandException(String message) {
		super(message, null);
	}

}
