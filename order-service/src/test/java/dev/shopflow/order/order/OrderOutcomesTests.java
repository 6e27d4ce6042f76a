package dev.shopflow.order.order;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class OrderOutcomesTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	// never started: these tests need no listening connection
	private final OrderOutcomes outcomes = new OrderOutcomes(new SimpleDriverDataSource(), Duration.ofSeconds(10), 2,
			this.meters);

	@Test
	void holdsAtMostTheConfiguredNumberOfRequestsAndCountsThem() {
		Optional<OrderOutcomes.Subscription> first = this.outcomes.subscribe(new OrderId(UUID.randomUUID()));
		Optional<OrderOutcomes.Subscription> second = this.outcomes.subscribe(new OrderId(UUID.randomUUID()));

		assertThat(first).isPresent();
		assertThat(second).isPresent();
		assertThat(this.outcomes.subscribe(new OrderId(UUID.randomUUID()))).isEmpty();
		assertThat(this.meters.get("shopflow.orders.waiting").gauge().value()).isEqualTo(2);

		first.get().close();
		assertThat(this.meters.get("shopflow.orders.waiting").gauge().value()).isEqualTo(1);
		Optional<OrderOutcomes.Subscription> third = this.outcomes.subscribe(new OrderId(UUID.randomUUID()));
		assertThat(third).isPresent();
		second.get().close();
		third.get().close();
		assertThat(this.meters.get("shopflow.orders.waiting").gauge().value()).isZero();
	}

	@Test
	void endsWaitAtTheDeadline() {
		try (OrderOutcomes.Subscription subscription = this.outcomes.subscribe(new OrderId(UUID.randomUUID()))
			.orElseThrow()) {
			long deadline = System.nanoTime() + Duration.ofMillis(50).toNanos();
			while (subscription.await(deadline)) {
				assertThat(System.nanoTime()).isLessThan(deadline + Duration.ofSeconds(5).toNanos());
			}
			assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
		}
	}

}
