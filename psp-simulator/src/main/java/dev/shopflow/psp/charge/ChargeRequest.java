package dev.shopflow.psp.charge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * Body of {@code POST /v1/charges}.
 *
 * @param amountMinor the amount in minor units
 * @param currency ISO 4217 code
 * @param token the card token; decides the outcome, never logged
 * @param reference the merchant's reference
 */
record ChargeRequest(@Positive long amountMinor, @NotBlank String currency, @NotBlank String token, String reference) {

	@Override
	public String toString() {
		return "ChargeRequest[amountMinor=" + this.amountMinor + ", currency=" + this.currency + ", reference="
				+ this.reference + "]";
	}

}
