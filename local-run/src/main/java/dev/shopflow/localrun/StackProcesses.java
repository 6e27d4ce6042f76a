package dev.shopflow.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The processes of a running stack: the current one of each part, started in order,
 * restarted by the {@link Supervisor} when it dies, and killed, frozen or stopped on
 * request; and the wait until a part is ready. {@link LocalStack} owns one and offers its
 * control calls.
 */
final class StackProcesses {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final StackSettings settings;

	private final List<StackPart> parts;

	/** The current process of each part, by name. */
	private final Map<String, StackProcess> running = new ConcurrentHashMap<>();

	/** Parts stopped on purpose, which the supervisor leaves alone. */
	private final Set<String> held = ConcurrentHashMap.newKeySet();

	private final Set<String> paused = ConcurrentHashMap.newKeySet();

	private final Supervisor supervisor = new Supervisor(this::relaunch);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private volatile boolean supervising;

	private volatile boolean closing;

	StackProcesses(StackSettings settings, List<StackPart> parts) {
		this.settings = settings;
		this.parts = List.copyOf(parts);
	}

	/**
	 * Starts every part once the parts it needs are ready, waits until all are, and from
	 * then on restarts a process that dies.
	 * @param byName finds a part by name
	 */
	void startAll(Function<String, StackPart> byName) {
		for (StackPart part : this.parts) {
			part.needs().forEach((need) -> awaitReady(byName.apply(need)));
			launch(part);
		}
		this.parts.forEach(this::awaitReady);
		PidFiles.write(this.settings.runDir(), this.parts, this.running);
		this.supervising = true;
	}

	// starts the process of one part (also to restart it)
	private synchronized void launch(StackPart part) {
		Map<String, String> all = new LinkedHashMap<>();
		// glibc's default of one malloc arena per core and thread count adds tens of MB
		// of resident memory per JVM for nothing
		all.put("MALLOC_ARENA_MAX", "2");
		all.putAll(this.settings.environment());
		all.putAll(part.environment());
		StackProcess process = StackProcess.start(part.name(), part.arguments(), all,
				this.settings.runDir().resolve("logs"));
		Instant started = Instant.now();
		this.running.put(part.name(), process);
		process.onExit().thenRun(() -> exited(part, process, started));
	}

	private void exited(StackPart part, StackProcess process, Instant started) {
		if (this.supervising && !this.closing && !this.held.contains(part.name())
				&& this.running.get(part.name()) == process) {
			this.supervisor.exited(part, process, started);
		}
	}

	synchronized void relaunch(StackPart part) {
		StackProcess current = this.running.get(part.name());
		if (this.closing || this.held.contains(part.name()) || (current != null && current.isAlive())) {
			return;
		}
		this.paused.remove(part.name());
		launch(part);
		PidFiles.write(this.settings.runDir(), this.parts, this.running);
	}

	long pid(StackPart part) {
		return this.running.get(part.name()).pid();
	}

	long kill(StackPart part) {
		StackProcess process = this.running.get(part.name());
		process.kill();
		return process.pid();
	}

	void pause(StackPart part) {
		this.running.get(part.name()).pause();
		this.paused.add(part.name());
	}

	void resume(StackPart part) {
		this.running.get(part.name()).resume();
		this.paused.remove(part.name());
	}

	/**
	 * Stops a part gracefully, holding it: the supervisor does not restart it until
	 * {@link #release}.
	 * @param part the part
	 */
	void stopAndHold(StackPart part) {
		this.held.add(part.name());
		resumeIfPaused(part);
		this.running.get(part.name()).stop();
	}

	void release(StackPart part) {
		this.held.remove(part.name());
	}

	int restarts(StackPart part) {
		return this.supervisor.restarts(part);
	}

	void awaitReady(StackPart part) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		URI readiness = URI.create("http://127.0.0.1:" + part.port() + "/readyz");
		while (!((part.probe() == StackPart.Probe.PORT) ? Ports.answers("127.0.0.1", part.port()) : ready(readiness))) {
			checkAlive(part, deadline);
			pause();
		}
	}

	private boolean ready(URI readiness) {
		try {
			HttpResponse<Void> response = this.http.send(
					HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the stack", ex);
		}
	}

	private void checkAlive(StackPart part, long deadline) {
		StackProcess process = this.running.get(part.name());
		// before the supervisor is on duty, a process that exits fails the start
		if (!this.supervising && !process.isAlive()) {
			throw new IllegalStateException(part.name() + " exited during start-up. Last lines of " + process.log()
					+ ":\n" + process.logTail(30));
		}
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException(
					part.name() + " was not ready within " + START_TIMEOUT.toSeconds() + " s. See " + process.log());
		}
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the stack", ex);
		}
	}

	private void resumeIfPaused(StackPart part) {
		if (this.paused.contains(part.name())) {
			resume(part);
		}
	}

	/** Stops every process, the last started first; nothing is restarted any more. */
	void stopAll() {
		this.closing = true;
		this.supervisor.close();
		for (int i = this.parts.size() - 1; i >= 0; i--) {
			StackPart part = this.parts.get(i);
			if (this.running.containsKey(part.name())) {
				resumeIfPaused(part);
				this.running.remove(part.name()).stop();
			}
		}
	}

}
