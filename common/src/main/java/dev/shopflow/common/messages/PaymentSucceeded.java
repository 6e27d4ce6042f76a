package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The provider charged the payment method (exactly once).
 *
 * @param messageId the message id
 * @param occurredAt when the outcome was recorded
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param transactionId the charge
 * @param amountMinor the amount charged
 * @param currency ISO 4217 code
 * @param providerReference the provider's charge id
 */
public record PaymentSucceeded(UUID messageId, Instant occurredAt, UUID orderId, String traceparent,
		String transactionId, long amountMinor, String currency, String providerReference) implements PaymentReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "payment.PaymentSucceeded.v1";

	public PaymentSucceeded {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(transactionId, "transactionId");
	}

	public static PaymentSucceeded of(UUID orderId, String traceparent, String transactionId, long amountMinor,
			String currency, String providerReference) {
		return new PaymentSucceeded(UUID.randomUUID(), Instant.now(), orderId, traceparent, transactionId, amountMinor,
				currency, providerReference);
	}

}
