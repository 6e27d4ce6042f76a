package dev.shopflow.defaults.background;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The one shape of background work in Shopflow: a named task that runs {@link #runOnce()
 * rounds} on a thread of its own (a one-thread {@link ThreadPoolTaskScheduler} named
 * after the task), starting and stopping with the application context.
 * <ul>
 * <li>Rounds run with a fixed delay between them, never two at once; {@link #wakeUp()}
 * runs one now (wake-ups that come while one is queued are one round); a round that
 * answers {@code true} (more work right away, e.g. a full batch) is followed by the next
 * at once.</li>
 * <li>A round that fails is logged (the first failure of a streak with its stack trace,
 * then one line per failure) and counted in {@code shopflow.background.failures} (tag
 * {@code task}); the task never dies: it tries again after a back-off that doubles from
 * the larger of its delay and 1 s up to 5 s, and says when it works again.</li>
 * <li>{@link #stop()} lets the round in progress finish (up to 5 s) and runs no
 * other.</li>
 * </ul>
 */
public abstract class BackgroundTask implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BackgroundTask.class);

	private static final Duration MIN_FAILURE_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_FAILURE_BACKOFF = Duration.ofSeconds(5);

	private final String name;

	private final Duration initialDelay;

	private final Duration delay;

	private final Counter failures;

	private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

	private volatile ThreadPoolTaskScheduler scheduler;

	// touched by the task's thread only
	private int failuresInARow;

	private long retryAtNanos;

	/**
	 * Creates a task whose first round runs at once.
	 * @param name the task's name (its thread's, its logs', its metrics' tag)
	 * @param delay the pause between the end of a round and the start of the next
	 * @param meters where failures are counted
	 */
	protected BackgroundTask(String name, Duration delay, MeterRegistry meters) {
		this(name, Duration.ZERO, delay, meters);
	}

	/**
	 * Creates a task.
	 * @param name the task's name (its thread's, its logs', its metrics' tag)
	 * @param initialDelay the pause before the first round
	 * @param delay the pause between the end of a round and the start of the next
	 * @param meters where failures are counted
	 */
	protected BackgroundTask(String name, Duration initialDelay, Duration delay, MeterRegistry meters) {
		this.name = name;
		this.initialDelay = initialDelay;
		this.delay = delay.isPositive() ? delay : Duration.ofMillis(1);
		this.failures = Counter.builder("shopflow.background.failures")
			.description("Rounds of background tasks that failed (the task carries on)")
			.tag("task", name)
			.register(meters);
	}

	/**
	 * Does one round of the task's work.
	 * @return {@code true} if there is more to do right away
	 * @throws Exception if the round failed; it is logged, counted and tried again later
	 */
	protected abstract boolean runOnce() throws Exception;

	/**
	 * Runs a round as soon as the task's thread is free, without waiting for the delay.
	 */
	public void wakeUp() {
		ThreadPoolTaskScheduler running = this.scheduler;
		if (running != null && this.wakeUpQueued.compareAndSet(false, true)) {
			running.execute(this::round);
		}
	}

	private void round() {
		this.wakeUpQueued.set(false);
		if (!isRunning() || (this.failuresInARow > 0 && System.nanoTime() - this.retryAtNanos < 0)) {
			return;
		}
		try {
			boolean more;
			do {
				more = runOnce();
			}
			while (more && isRunning());
			if (this.failuresInARow > 0) {
				log.info("Background task {} works again after {} failed round(s)", this.name, this.failuresInARow);
				this.failuresInARow = 0;
			}
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	private void failed(Throwable ex) {
		this.failuresInARow++;
		this.failures.increment();
		Duration backoff = backoff(this.failuresInARow);
		this.retryAtNanos = System.nanoTime() + backoff.toNanos();
		if (this.failuresInARow == 1) {
			log.warn("Background task {} failed, trying again in {} ms", this.name, backoff.toMillis(), ex);
		}
		else {
			log.warn("Background task {} failed {} times in a row, trying again in {} ms: {}", this.name,
					this.failuresInARow, backoff.toMillis(), ex.toString());
		}
	}

	private Duration backoff(int failuresInARow) {
		Duration first = (this.delay.compareTo(MIN_FAILURE_BACKOFF) > 0) ? this.delay : MIN_FAILURE_BACKOFF;
		Duration cap = (first.compareTo(MAX_FAILURE_BACKOFF) > 0) ? first : MAX_FAILURE_BACKOFF;
		Duration backoff = first.multipliedBy(1L << Math.min(failuresInARow - 1, 10));
		return (backoff.compareTo(cap) > 0) ? cap : backoff;
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler tasks = new ThreadPoolTaskScheduler();
		tasks.setPoolSize(1);
		tasks.setThreadNamePrefix(this.name + "-");
		tasks.setDaemon(true);
		tasks.setWaitForTasksToCompleteOnShutdown(true);
		tasks.setAwaitTerminationSeconds(5);
		tasks.initialize();
		this.scheduler = tasks;
		tasks.scheduleWithFixedDelay(this::round, Instant.now().plus(this.initialDelay), this.delay);
	}

	@Override
	public void stop() {
		ThreadPoolTaskScheduler tasks = this.scheduler;
		this.scheduler = null;
		if (tasks != null) {
			tasks.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * The task's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

}
