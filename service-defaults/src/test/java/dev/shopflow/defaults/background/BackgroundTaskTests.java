package dev.shopflow.defaults.background;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shared shape of background work, with real threads and no Spring context. */
class BackgroundTaskTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<String> threads = new CopyOnWriteArrayList<>();

	private final AtomicInteger rounds = new AtomicInteger();

	private Task task;

	@AfterEach
	void stop() {
		if (this.task != null) {
			this.task.stop();
		}
	}

	@Test
	void runsRoundsOnItsOwnNamedThreadWithTheDelayBetweenThem() {
		this.task = new Task(Duration.ofMillis(20), () -> false);
		this.task.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.rounds.get() >= 3);
		assertThat(this.threads).allMatch((thread) -> thread.startsWith("test-task-"));
		assertThat(this.task.isRunning()).isTrue();
	}

	@Test
	void countsAndLogsAFailingRoundAndCarriesOnAfterABackoff() {
		AtomicInteger calls = new AtomicInteger();
		this.task = new Task(Duration.ofMillis(10), () -> {
			if (calls.incrementAndGet() <= 2) {
				throw new IllegalStateException("database unavailable");
			}
			return false;
		});
		long started = System.nanoTime();
		this.task.start();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.rounds.get() >= 4);
		assertThat(this.meters.get("shopflow.background.failures").tag("task", "test-task").counter().count())
			.isEqualTo(2);
		// 1 s after the first failure, 2 s after the second: no hot loop while failing
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void runsAtOnceWhenWokenUpAndGoesOnWhileThereIsMore() {
		AtomicInteger more = new AtomicInteger(3);
		this.task = new Task(Duration.ofHours(1), () -> more.decrementAndGet() > 0);
		this.task.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.rounds.get() == 3);

		more.set(1);
		this.task.wakeUp();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.rounds.get() == 4);
	}

	@Test
	void runsNoRoundOnceStopped() {
		this.task = new Task(Duration.ofMillis(10), () -> false);
		this.task.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.rounds.get() >= 1);

		this.task.stop();
		int stoppedAt = this.rounds.get();
		this.task.wakeUp();

		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.rounds.get()).isEqualTo(stoppedAt));
		assertThat(this.task.isRunning()).isFalse();
	}

	@FunctionalInterface
	interface Round {

		boolean run() throws Exception;

	}

	private final class Task extends BackgroundTask {

		private final Round round;

		Task(Duration delay, Round round) {
			super("test-task", delay, BackgroundTaskTests.this.meters);
			this.round = round;
		}

		@Override
		protected boolean runOnce() throws Exception {
			BackgroundTaskTests.this.threads.add(Thread.currentThread().getName());
			BackgroundTaskTests.this.rounds.incrementAndGet();
			return this.round.run();
		}

	}

}
