package dev.shopflow.payment.payment;

/**
 * A transaction id came again with another amount, currency, token or order, through the
 * API (answered 422). A {@code ChargePayment} doing so is answered
 * {@code PaymentDeclined(TRANSACTION_MISMATCH)} instead.
 */
class TransactionMismatchException extends RuntimeException {

	TransactionMismatchException(String transactionId) {
		super("Transaction " + transactionId + " was already used with other parameters.");
	}

}
