package dev.shopflow.payment.payment;

/** No payment has that transaction id (or the caller may not see it). */
class PaymentNotFoundException extends RuntimeException {

	PaymentNotFoundException(String transactionId) {
		super("No payment " + transactionId + ".");
	}

}
