package dev.shopflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs command-line tools (docker, docker compose, kubectl) and captures their output.
 */
final class Commands {

	private Commands() {
	}

	/**
	 * The outcome of one command.
	 *
	 * @param exitCode the exit code
	 * @param output stdout and stderr, merged
	 */
	record Result(int exitCode, String output) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

		Result orFail(List<String> command) {
			if (!succeeded()) {
				throw new IllegalStateException(
						String.join(" ", command) + " failed (" + this.exitCode + "):\n" + tail(this.output));
			}
			return this;
		}

		private static String tail(String output) {
			return (output.length() > 6000) ? output.substring(output.length() - 6000) : output;
		}

	}

	static Result run(Path directory, Map<String, String> environment, Duration timeout, List<String> command) {
		try {
			Path log = Files.createTempFile("shopflow-command", ".log");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
					.redirectErrorStream(true)
					.redirectOutput(log.toFile());
				builder.environment().putAll(environment);
				Process process = builder.start();
				if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
					process.destroyForcibly();
					process.waitFor(10, TimeUnit.SECONDS);
					return new Result(-1, "timed out after " + timeout + "\n" + Files.readString(log));
				}
				return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(log);
			}
		}
		catch (IOException ex) {
			return new Result(-1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted running " + command, ex);
		}
	}

	static boolean available(List<String> command) {
		return run(Path.of("."), Map.of(), Duration.ofSeconds(30), command).succeeded();
	}

	static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
