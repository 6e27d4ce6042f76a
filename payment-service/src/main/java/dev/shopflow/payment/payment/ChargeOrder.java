package dev.shopflow.payment.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A request to charge, from the saga or the API.
 *
 * @param transactionId the idempotency key
 * @param orderId the order, or {@code null}
 * @param customerId the paying customer, or {@code null}
 * @param amountMinor the amount
 * @param currency ISO 4217 code
 * @param token the card token; never logged
 * @param traceparent W3C trace context, or {@code null}
 * @param fromSaga whether a ChargePayment asked for it (outcomes are then answered)
 */
record ChargeOrder(String transactionId, UUID orderId, String customerId, long amountMinor, String currency,
		String token, String traceparent, boolean fromSaga) {

	/** Whether outcomes are answered to the saga. */
	boolean answersSaga() {
		return this.fromSaga && this.orderId != null;
	}

	String tokenFingerprint() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(this.token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "ChargeOrder[transactionId=" + this.transactionId + ", orderId=" + this.orderId + ", amountMinor="
				+ this.amountMinor + ", currency=" + this.currency + "]";
	}

}
