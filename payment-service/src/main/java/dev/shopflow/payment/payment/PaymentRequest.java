package dev.shopflow.payment.payment;

import java.util.UUID;

import dev.shopflow.common.messages.TransactionIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/payments}.
 *
 * @param transactionId the idempotency key of the charge, in the format of
 * {@link TransactionIds}: checked before anything is recorded or charged
 * @param orderId the order, optional
 * @param amountMinor the amount in minor units
 * @param currency ISO 4217 code
 * @param paymentMethod the card
 */
record PaymentRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = TransactionIds.PATTERN,
				message = "must be 1 to 64 letters, digits and - . _ ~ : @") String transactionId,
		UUID orderId, @NotNull @Positive Long amountMinor,
		@NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
		@NotNull @Valid PaymentMethod paymentMethod) {

	ChargeOrder toOrder() {
		return new ChargeOrder(this.transactionId, this.orderId, null, this.amountMinor, this.currency,
				this.paymentMethod.token(), null, false);
	}

	/**
	 * A card, as the provider's token.
	 *
	 * @param token the token; never logged
	 */
	record PaymentMethod(@NotBlank @Size(max = 255) String token) {

		@Override
		public String toString() {
			return "PaymentMethod[token=***]";
		}

	}

}
