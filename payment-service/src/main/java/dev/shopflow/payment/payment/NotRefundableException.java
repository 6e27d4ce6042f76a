package dev.shopflow.payment.payment;

/** Only a succeeded charge can be refunded. */
class NotRefundableException extends RuntimeException {

	NotRefundableException(String transactionId, PaymentStatus status) {
		super("Payment " + transactionId + " is " + status + ": only a SUCCEEDED payment can be refunded.");
	}

}
