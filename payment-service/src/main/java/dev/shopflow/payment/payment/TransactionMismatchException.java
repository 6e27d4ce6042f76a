package dev.shopflow.payment.payment;

import dev.shopflow.common.PermanentMessageException;

/**
 * A transaction id came again with another amount, currency, token or order. As a
 * {@code ChargePayment} it is dead-lettered at once: no retry can make it consistent.
 */
class TransactionMismatchException extends PermanentMessageException {

	TransactionMismatchException(String transactionId) {
		super("Transaction " + transactionId + " was already used with other parameters.", null);
	}

}
