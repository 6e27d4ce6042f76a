package dev.shopflow.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the local stack: how it was started, its log, and how to stop, kill,
 * freeze and thaw it.
 */
final class StackProcess {

	/**
	 * Every process the stack starts carries this system property, so that stop kills
	 * nothing else.
	 */
	static final String MARKER = "-Dshopflow.process=";

	private final String name;

	private final Process process;

	private final Path log;

	private StackProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static StackProcess start(String name, List<String> javaArguments, Map<String, String> environment, Path logDir) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add(MARKER + name);
		command.addAll(javaArguments);
		Path log = logDir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		try {
			return new StackProcess(name, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	java.util.concurrent.CompletableFuture<Process> onExit() {
		return this.process.onExit();
	}

	int exitValue() {
		return this.process.exitValue();
	}

	/** SIGKILL: the process dies at once, as in a crash, without any shutdown. */
	void kill() {
		this.process.destroyForcibly();
		this.process.onExit().join();
	}

	/** SIGSTOP: the process freezes (holds its sockets and locks, answers nothing). */
	void pause() {
		signal("STOP");
	}

	/** SIGCONT: a frozen process goes on. */
	void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	Path log() {
		return this.log;
	}

	String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Asks the process to stop (SIGTERM: graceful shutdown), and kills it if it does not
	 * within 30 s.
	 */
	void stop() {
		stop(ProcessHandle.of(this.process.pid()).orElse(null));
	}

	static void stop(ProcessHandle handle) {
		if (handle == null || !handle.isAlive()) {
			return;
		}
		handle.destroy();
		try {
			handle.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			handle.destroyForcibly();
		}
	}

	/**
	 * Whether a PID still belongs to a process this stack started (PIDs are reused).
	 * @param handle the process
	 * @return {@code true} if its command line carries the marker
	 */
	static boolean isOurs(ProcessHandle handle) {
		return handle.isAlive() && handle.info()
			.arguments()
			.map(List::of)
			.orElse(List.of())
			.stream()
			.anyMatch((argument) -> argument.startsWith(MARKER));
	}

}
