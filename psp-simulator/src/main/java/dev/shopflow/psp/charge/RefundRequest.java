package dev.shopflow.psp.charge;

import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /v1/refunds}.
 *
 * @param chargeId the charge to refund
 */
record RefundRequest(@NotBlank String chargeId) {

}
