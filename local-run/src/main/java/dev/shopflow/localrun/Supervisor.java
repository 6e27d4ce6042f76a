package dev.shopflow.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Restarts a process of the stack that died (SIGKILL, crash, {@code System.exit}) instead
 * of letting the stack go down: after a second, or longer when it keeps dying soon after
 * its start (doubling up to 30 s), with a restart counter printed on the console and
 * written to the process's log. Processes the stack stops on purpose are not its
 * business.
 */
final class Supervisor implements AutoCloseable {

	/** A process that lived less than this before dying is crashing at start-up. */
	private static final Duration QUICK_EXIT = Duration.ofSeconds(20);

	private static final Duration MAX_DELAY = Duration.ofSeconds(30);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "shopflow-supervisor");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, Integer> restarts = new ConcurrentHashMap<>();

	private final Map<String, Integer> quickExits = new ConcurrentHashMap<>();

	private final Consumer<StackPart> relaunch;

	Supervisor(Consumer<StackPart> relaunch) {
		this.relaunch = relaunch;
	}

	/**
	 * A supervised process died: count it, say so, and start it again after a delay.
	 * @param part the part it ran
	 * @param process the process that exited
	 * @param started when it was started
	 */
	void exited(StackPart part, StackProcess process, Instant started) {
		boolean quick = Duration.between(started, Instant.now()).compareTo(QUICK_EXIT) < 0;
		int quickInARow = this.quickExits.merge(part.name(), quick ? 1 : 0, (old, now) -> (now == 0) ? 0 : old + 1);
		Duration delay = Duration.ofSeconds(1L << Math.min(quickInARow, 5));
		delay = (delay.compareTo(MAX_DELAY) > 0) ? MAX_DELAY : delay;
		int restart = this.restarts.merge(part.name(), 1, Integer::sum);
		String line = "[shopflow supervisor] %s (pid %d) exited with %d; restart #%d in %d s".formatted(part.name(),
				process.pid(), process.exitValue(), restart, delay.toSeconds());
		System.out.println(line);
		appendToLog(process, line);
		this.scheduler.schedule(() -> this.relaunch.accept(part), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	int restarts(StackPart part) {
		return this.restarts.getOrDefault(part.name(), 0);
	}

	private static void appendToLog(StackProcess process, String line) {
		try {
			Files.writeString(process.log(),
					System.lineSeparator() + Instant.now() + " " + line + System.lineSeparator(),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			System.out.println("[shopflow supervisor] could not write to " + process.log() + ": " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
