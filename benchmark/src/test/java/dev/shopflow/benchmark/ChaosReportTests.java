package dev.shopflow.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.shopflow.benchmark.ChaosFaults.Fault;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosReportTests {

	private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

	@Test
	void countsOnlyTheOrdersPlacedFromTwentySecondsAfterAFaultToFiveSecondsBeforeTheNext() {
		Fault fault = new Fault("SIGKILL x", T0.plusSeconds(30), T0.plusSeconds(40));
		List<ChaosOrder> orders = new ArrayList<>();
		orders.add(order(45, "REJECTED", "TIMEOUT", 30)); // inside the first 20 s: not
															// counted
		orders.add(order(61, "CONFIRMED", "", 1)); // in the spell
		orders.add(order(70, "REJECTED", "PAYMENT_DECLINED", 1)); // in the spell, good
		orders.add(order(80, "REJECTED", "TIMEOUT", 30)); // in the spell, bad
		orders.add(order(97, "REJECTED", "TIMEOUT", 30)); // within 5 s of the load's end

		ChaosReport.Window window = ChaosReport.Window.of(fault.name(), fault, fault.end().plusSeconds(20),
				T0.plusSeconds(100).minus(ChaosReport.LEAD), orders);

		assertThat(window.orders()).hasSize(3);
		assertThat(window.goodRatio()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(window.p99()).isEqualTo(Duration.ofSeconds(30));
		// the first order placed after the end that ended well within 5 s
		assertThat(window.recovery()).isEqualTo(Duration.ofSeconds(21));
	}

	@Test
	void anOrderThatNeverEndedCountsAsBadAndEndless() {
		ChaosOrder lost = order(10, null, "", 0);
		ChaosReport.Window window = ChaosReport.Window.of("before", null, T0, T0.plusSeconds(60), List.of(lost));

		assertThat(window.goodRatio()).isZero();
		assertThat(window.p99()).isEqualTo(Duration.ofDays(1));
		assertThat(window.recovery()).isNull();
	}

	private static ChaosOrder order(int placedAfterSeconds, String status, String reason, int tookSeconds) {
		ChaosOrder order = new ChaosOrder(null, null, null, Duration.ZERO);
		order.firstAttempt = T0.plusSeconds(placedAfterSeconds);
		order.status = status;
		order.reason = reason;
		if (status != null) {
			order.orderId = "order-" + placedAfterSeconds;
			order.observedFinal = order.firstAttempt.plusSeconds(tookSeconds);
		}
		return order;
	}

}
