package dev.shopflow.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How fast the machine is, measured before the stack starts, so that absolute figures of
 * different machines can be compared: PostgreSQL commits per second
 * ({@code pgbench -N -c 8 -j 2 -T 15} on a scratch database {@code pgbench_calib},
 * initialised with {@code -s 10} and dropped afterwards), the processors, and the
 * single-thread speed of a fixed CPU loop (SHA-256 over 64 MB).
 *
 * @param nproc processors available to the benchmark
 * @param pgbenchTps transactions per second of {@code pgbench -N} ({@code null}: not
 * measured)
 * @param pgbench the command, or why it was not run
 * @param sha256MbPerSecond single-thread SHA-256 throughput, best of three
 * @param loadAverage {@code /proc/loadavg} before the calibration
 */
record Calibration(int nproc, Double pgbenchTps, String pgbench, double sha256MbPerSecond, String loadAverage) {

	static final String DATABASE = "pgbench_calib";

	private static final Pattern TPS = Pattern.compile("^tps = ([0-9]+(?:\\.[0-9]+)?)", Pattern.MULTILINE);

	static Calibration measure(String host, int port, String user) {
		String load = readLoadAverage();
		System.out
			.println("Calibrating the machine (pgbench -N -c 8 -j 2 -T 15, a CPU loop; --no-calibration skips) ...");
		double sha = measureSha256();
		Path pgbench = findPgbench();
		if (pgbench == null) {
			return new Calibration(Runtime.getRuntime().availableProcessors(), null,
					"not run: no pgbench on PATH or under /usr/lib/postgresql/*/bin", sha, load);
		}
		List<String> connection = List.of("-h", host, "-p", Integer.toString(port), "-U", user);
		try {
			run(List.of(sibling(pgbench, "dropdb").toString(), "--if-exists"), connection, List.of(DATABASE));
			run(List.of(sibling(pgbench, "createdb").toString()), connection, List.of(DATABASE));
			run(List.of(pgbench.toString(), "-i", "-s", "10", "-q"), connection, List.of(DATABASE));
			List<String> command = List.of(pgbench.toString(), "-N", "-c", "8", "-j", "2", "-T", "15");
			String output = run(command, connection, List.of(DATABASE));
			Double tps = parseTps(output);
			run(List.of(sibling(pgbench, "dropdb").toString(), "--if-exists"), connection, List.of(DATABASE));
			return new Calibration(Runtime.getRuntime().availableProcessors(), tps,
					String.join(" ", command) + " " + DATABASE + " (-i -s 10)", sha, load);
		}
		catch (IOException | RuntimeException ex) {
			return new Calibration(Runtime.getRuntime().availableProcessors(), null, "failed: " + ex.getMessage(), sha,
					load);
		}
	}

	static Calibration skipped() {
		return new Calibration(Runtime.getRuntime().availableProcessors(), null, "not run: --no-calibration", 0,
				readLoadAverage());
	}

	/**
	 * The TPS pgbench reports ({@code tps = 2345.6 (without initial connection time)};
	 * older versions print two such lines, the first including connections).
	 * @param output pgbench's output
	 * @return the figure, {@code null} when there is none
	 */
	static Double parseTps(String output) {
		Matcher matcher = TPS.matcher(output);
		return matcher.find() ? Double.valueOf(matcher.group(1)) : null;
	}

	private static String run(List<String> command, List<String> connection, List<String> database) throws IOException {
		List<String> full = new ArrayList<>(command);
		full.addAll(connection);
		full.addAll(database);
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
		builder.environment().putIfAbsent("PGPASSWORD", System.getenv().getOrDefault("PGPASSWORD", ""));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + ": " + output.trim());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroy();
			throw new IllegalStateException("interrupted");
		}
		return output;
	}

	private static Path findPgbench() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(directory.isEmpty() ? "." : directory, "pgbench");
			if (Files.isExecutable(candidate) && Files.isExecutable(sibling(candidate, "createdb"))) {
				return candidate;
			}
		}
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((version) -> version.resolve("bin/pgbench"))
				.filter(Files::isExecutable)
				.max(Comparator.comparing(Calibration::majorVersion))
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static int majorVersion(Path pgbench) {
		try {
			return Integer.parseInt(pgbench.getParent().getParent().getFileName().toString());
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	private static Path sibling(Path pgbench, String tool) {
		return pgbench.resolveSibling(tool);
	}

	/** A fixed amount of work on one thread: compares the cores, not the JIT. */
	static double measureSha256() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] block = new byte[1 << 20];
			double best = 0;
			for (int round = 0; round < 3; round++) {
				long start = System.nanoTime();
				for (int i = 0; i < 64; i++) {
					block[i] ^= digest.digest(block)[0];
				}
				best = Math.max(best, 64 / ((System.nanoTime() - start) / 1e9));
			}
			return Math.round(best * 10) / 10.0;
		}
		catch (NoSuchAlgorithmException ex) {
			return 0;
		}
	}

	private static String readLoadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
