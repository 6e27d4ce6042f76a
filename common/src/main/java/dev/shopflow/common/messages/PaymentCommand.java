package dev.shopflow.common.messages;

/**
 * A command from the saga (order-service) to payment-service, on
 * {@code shopflow.payment.commands}.
 */
public sealed interface PaymentCommand extends Message permits ChargePayment, RefundPayment {

	/**
	 * The idempotency key of the payment: one per order.
	 * @return the transaction id
	 */
	String transactionId();

}
