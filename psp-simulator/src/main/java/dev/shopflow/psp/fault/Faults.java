package dev.shopflow.psp.fault;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The faults to inject into provider calls ({@code PUT /admin/faults}). Rates are
 * probabilities per call; the {@code ...NextCalls} counts are deterministic (for tests):
 * that many next calls fail, then calls behave again.
 *
 * @param errorRate share of calls answered 503 before anything is recorded
 * @param latencyMs delay added to every call
 * @param timeoutRate share of calls whose answer never comes (held far longer than any
 * client timeout)
 * @param failAfterChargeRate share of charges recorded and then answered 500
 * @param failNextCalls the next this many calls answer 503 before anything is recorded
 * @param failAfterChargeNextCalls the next this many charges are recorded and then
 * answered 500
 * @param timeoutNextCalls the next this many calls are held (an answer that never comes)
 * @param clientErrorStatus the 4xx status of {@code clientErrorNextCalls}: 402 is a
 * decline (as Stripe answers one), anything else a refused request; 400 if omitted
 * @param clientErrorNextCalls the next this many charges are answered
 * {@code clientErrorStatus} before anything is recorded
 */
public record Faults(@DecimalMin("0") @DecimalMax("1") Double errorRate, @PositiveOrZero Long latencyMs,
		@DecimalMin("0") @DecimalMax("1") Double timeoutRate,
		@DecimalMin("0") @DecimalMax("1") Double failAfterChargeRate, @PositiveOrZero Integer failNextCalls,
		@PositiveOrZero Integer failAfterChargeNextCalls, @PositiveOrZero Integer timeoutNextCalls,
		@Min(400) @Max(499) Integer clientErrorStatus, @PositiveOrZero Integer clientErrorNextCalls) {

	/** No faults at all. */
	public static final Faults NONE = new Faults(0.0, 0L, 0.0, 0.0, 0, 0, 0, 400, 0);

	public Faults {
		errorRate = (errorRate != null) ? errorRate : 0.0;
		latencyMs = (latencyMs != null) ? latencyMs : 0L;
		timeoutRate = (timeoutRate != null) ? timeoutRate : 0.0;
		failAfterChargeRate = (failAfterChargeRate != null) ? failAfterChargeRate : 0.0;
		failNextCalls = (failNextCalls != null) ? failNextCalls : 0;
		failAfterChargeNextCalls = (failAfterChargeNextCalls != null) ? failAfterChargeNextCalls : 0;
		timeoutNextCalls = (timeoutNextCalls != null) ? timeoutNextCalls : 0;
		clientErrorStatus = (clientErrorStatus != null) ? clientErrorStatus : 400;
		clientErrorNextCalls = (clientErrorNextCalls != null) ? clientErrorNextCalls : 0;
	}

}
