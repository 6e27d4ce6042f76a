package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * Charge the customer's payment method once for the order. The provider is asked with the
 * {@code transactionId} as idempotency key, so redeliveries never charge twice. Answered
 * by {@link PaymentSucceeded}, {@link PaymentDeclined} or {@link PaymentUnavailable}.
 *
 * @param messageId the message id
 * @param occurredAt when the command was given
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param transactionId idempotency key of the charge, one per order, in the format of
 * {@link TransactionIds}
 * @param customerId the paying customer
 * @param amountMinor the amount in minor units, positive
 * @param currency ISO 4217 code
 * @param paymentToken the card token; never logged
 */
public record ChargePayment(UUID messageId, Instant occurredAt, UUID orderId, String traceparent, String transactionId,
		String customerId, long amountMinor, String currency, String paymentToken) implements PaymentCommand {

	/** Logical type id on the wire. */
	public static final String TYPE = "payment.ChargePayment.v1";

	public ChargePayment {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.transactionId(transactionId);
		Checks.positive(amountMinor, "amountMinor");
		Checks.required(currency, "currency");
		Checks.required(paymentToken, "paymentToken");
	}

	public static ChargePayment of(UUID orderId, String traceparent, String transactionId, String customerId,
			long amountMinor, String currency, String paymentToken) {
		return new ChargePayment(UUID.randomUUID(), Instant.now(), orderId, traceparent, transactionId, customerId,
				amountMinor, currency, paymentToken);
	}

	@Override
	public String toString() {
		return "ChargePayment[messageId=" + this.messageId + ", orderId=" + this.orderId + ", transactionId="
				+ this.transactionId + ", amountMinor=" + this.amountMinor + ", currency=" + this.currency + "]";
	}

}
