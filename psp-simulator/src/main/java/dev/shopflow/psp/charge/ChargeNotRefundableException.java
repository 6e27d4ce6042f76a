package dev.shopflow.psp.charge;

/** A declined charge has nothing to refund. */
class ChargeNotRefundableException extends RuntimeException {

	ChargeNotRefundableException(String chargeId) {
		super("Charge " + chargeId + " was declined: nothing to refund");
	}

}
