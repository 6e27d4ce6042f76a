package dev.shopflow.psp.charge;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The provider's ledger, in memory. A charge is created at most once per idempotency key,
 * also under concurrent requests with the same key
 * ({@link ConcurrentHashMap#computeIfAbsent} runs the creation once per key).
 */
@Component
public class ChargeBook {

	private final Map<String, Charge> chargesById = new ConcurrentHashMap<>();

	private final Map<String, String> chargeIdsByKey = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	ChargeBook(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Charges once per idempotency key.
	 * @param idempotencyKey the key, or {@code null} for a charge that is never replayed
	 * @param request what to charge
	 * @return the charge, and whether it was replayed from an earlier request
	 * @throws IdempotencyKeyReusedException if the key was used for another charge
	 */
	ChargeResult charge(String idempotencyKey, ChargeRequest request) {
		if (idempotencyKey == null) {
			return new ChargeResult(record(null, request), false);
		}
		boolean[] created = { false };
		String chargeId = this.chargeIdsByKey.computeIfAbsent(idempotencyKey, (key) -> {
			created[0] = true;
			return record(key, request).id();
		});
		Charge charge = this.chargesById.get(chargeId);
		if (!created[0]) {
			if (!charge.sameRequest(request)) {
				throw new IdempotencyKeyReusedException(idempotencyKey);
			}
			count("replayed");
		}
		return new ChargeResult(charge, !created[0]);
	}

	private Charge record(String key, ChargeRequest request) {
		Outcome outcome = Outcome.of(request.token());
		Charge charge = new Charge("ch_" + UUID.randomUUID().toString().replace("-", ""), outcome.status(),
				outcome.declineCode(), request.amountMinor(), request.currency(), request.reference(), key, false,
				Instant.now());
		this.chargesById.put(charge.id(), charge);
		count(outcome.status());
		return charge;
	}

	/**
	 * Refunds a succeeded charge once; refunding again answers the refunded charge.
	 * @param chargeId the charge
	 * @return the refunded charge
	 * @throws UnknownChargeException if there is no such charge
	 * @throws ChargeNotRefundableException if the charge was declined
	 */
	Charge refund(String chargeId) {
		Charge charge = this.chargesById.computeIfPresent(chargeId, (id, existing) -> {
			if (!existing.succeeded()) {
				throw new ChargeNotRefundableException(id);
			}
			if (!existing.refunded()) {
				this.meters.counter("psp.refunds").increment();
			}
			return existing.refund();
		});
		if (charge == null) {
			throw new UnknownChargeException(chargeId);
		}
		return charge;
	}

	/**
	 * Every charge with a reference, oldest first.
	 * @param reference the merchant's reference
	 * @return the charges
	 */
	List<Charge> withReference(String reference) {
		return this.chargesById.values()
			.stream()
			.filter((charge) -> reference == null || reference.equals(charge.reference()))
			.sorted(Comparator.comparing(Charge::createdAt))
			.toList();
	}

	/** Forgets every charge (tests and demos). */
	public void clear() {
		this.chargeIdsByKey.clear();
		this.chargesById.clear();
	}

	private void count(String outcome) {
		this.meters.counter("psp.charges", "outcome", outcome).increment();
	}

	record ChargeResult(Charge charge, boolean replayed) {
	}

	/** What a token decides. */
	private record Outcome(String status, String declineCode) {

		static Outcome of(String token) {
			if (token.startsWith("tok_decline")) {
				return new Outcome(Charge.DECLINED, "card_declined");
			}
			if (token.startsWith("tok_funds")) {
				return new Outcome(Charge.DECLINED, "insufficient_funds");
			}
			if (token.startsWith("tok_ok")) {
				return new Outcome(Charge.SUCCEEDED, null);
			}
			return new Outcome(Charge.DECLINED, "invalid_token");
		}

	}

}
