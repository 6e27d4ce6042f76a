package dev.shopflow.payment.payment;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimTests {

	private static final ChargeOrder ORDER = new ChargeOrder("tx-1", UUID.randomUUID(), "carol", 1999, "EUR", "tok_ok",
			null, true);

	private final AtomicInteger leaseAsked = new AtomicInteger();

	@Test
	void chargesWhatTheRequestCreatedWithoutAskingForTheLease() {
		assertThat(Claim.decide(true, payment(PaymentStatus.PENDING, ORDER), ORDER, this::leaseFree))
			.isEqualTo(Claim.Step.CHARGE);
		assertThat(this.leaseAsked).hasValue(0);
	}

	@Test
	void chargesAPendingPaymentWhoseLeaseItTakes() {
		assertThat(Claim.decide(false, payment(PaymentStatus.PENDING, ORDER), ORDER, this::leaseFree))
			.isEqualTo(Claim.Step.CHARGE);
		assertThat(this.leaseAsked).hasValue(1);
	}

	@Test
	void leavesAPendingPaymentToTheCallerHoldingItsLease() {
		assertThat(Claim.decide(false, payment(PaymentStatus.PENDING, ORDER), ORDER, this::leaseHeld))
			.isEqualTo(Claim.Step.IN_FLIGHT);
	}

	@Test
	void answersASettledPaymentAsRecordedWithoutAskingForTheLease() {
		for (PaymentStatus settled : new PaymentStatus[] { PaymentStatus.SUCCEEDED, PaymentStatus.DECLINED,
				PaymentStatus.REFUNDED, PaymentStatus.FAILED }) {
			assertThat(Claim.decide(false, payment(settled, ORDER), ORDER, this::leaseFree))
				.isEqualTo(Claim.Step.SETTLED);
		}
		assertThat(this.leaseAsked).hasValue(0);
	}

	@Test
	void refusesAKnownTransactionIdWithOtherParametersWhateverItsState() {
		ChargeOrder other = new ChargeOrder("tx-1", UUID.randomUUID(), "carol", 2000, "EUR", "tok_ok", null, true);

		assertThat(Claim.decide(false, payment(PaymentStatus.PENDING, ORDER), other, this::leaseFree))
			.isEqualTo(Claim.Step.MISMATCH);
		assertThat(Claim.decide(false, payment(PaymentStatus.SUCCEEDED, ORDER), other, this::leaseFree))
			.isEqualTo(Claim.Step.MISMATCH);
		assertThat(this.leaseAsked).hasValue(0);
	}

	private boolean leaseFree() {
		this.leaseAsked.incrementAndGet();
		return true;
	}

	private boolean leaseHeld() {
		this.leaseAsked.incrementAndGet();
		return false;
	}

	private static Payment payment(PaymentStatus status, ChargeOrder order) {
		return new Payment(order.transactionId(), order.orderId(), order.customerId(), order.amountMinor(),
				order.currency(), status, null, null, order.token(), order.tokenFingerprint(), true, null, false, false,
				false, 0, 0, Instant.now(), Instant.now());
	}

}
