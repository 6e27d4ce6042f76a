package dev.shopflow.payment.payment;

/** A transaction id came again with another amount, currency, token or order. */
class TransactionMismatchException extends RuntimeException {

	TransactionMismatchException(String transactionId) {
		super("Transaction " + transactionId + " was already used with other parameters.");
	}

}
