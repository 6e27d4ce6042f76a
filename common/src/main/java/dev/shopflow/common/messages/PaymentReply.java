package dev.shopflow.common.messages;

/** A reply of payment-service to the saga, on {@code shopflow.payment.replies}. */
public sealed interface PaymentReply extends Message
		permits PaymentSucceeded, PaymentDeclined, PaymentUnavailable, PaymentRefunded, RefundFailed {

	/**
	 * The transaction the reply is about.
	 * @return the transaction id
	 */
	String transactionId();

}
