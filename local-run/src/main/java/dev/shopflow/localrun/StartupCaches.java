package dev.shopflow.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Start-up caches of the local run's applications, prepared once per build: each Boot jar
 * is extracted (a plain class path starts faster than Boot's nested jars) and trained
 * once, with the context refreshed and the JVM exited ({@code spring.context.exit}), into
 * a JDK AOT cache (JDK 25+, JEP 483/514/515) or, on JDK 21-24, a dynamic CDS archive.
 * This is the recipe of Spring Boot's reference guide ("Class Data Sharing"), which has
 * no launcher of its own outside the container build, hence these few lines; the
 * container images do the same at image build ({@code deploy/docker/Dockerfile}).
 *
 * <p>
 * A cache is keyed by the jar (size and modification time), the JDK and the JVM options:
 * when any of them changes it is prepared again. A missing or stale cache is never an
 * error: the application then starts from its jar as before.
 */
final class StartupCaches {

	private static final String STAMP = "stamp";

	private static final List<String> TRAINING_PROPERTIES = List.of("-Dspring.context.exit=onRefresh",
			"-Dspring.flyway.enabled=false", "-Dspring.kafka.listener.auto-startup=false",
			"-Dspring.kafka.admin.auto-create=false", "-Dspring.sql.init.mode=never");

	private StartupCaches() {
	}

	/**
	 * The java arguments that start an application: from its trained cache when there is
	 * a current one, else from its jar.
	 * @param cacheRoot where the caches live (the run directory's {@code cache/})
	 * @param module the module name
	 * @param jar the module's Boot jar
	 * @param javaOptions the JVM options of the run
	 * @return the arguments after the JVM options
	 */
	static List<String> launchArguments(Path cacheRoot, String module, Path jar, List<String> javaOptions) {
		Path directory = cacheRoot.resolve(module);
		if (isCurrent(directory, jar, javaOptions)) {
			return List.of(cacheOption(directory, false), "-jar", directory.resolve("app.jar").toString());
		}
		return List.of("-jar", jar.toString());
	}

	/**
	 * Prepares every application's cache that is missing or stale, two at a time.
	 * @param cacheRoot where the caches live
	 * @param jars each module's Boot jar
	 * @param javaOptions each module's JVM options
	 * @param environment each module's environment (as it will be started)
	 * @param logDir where the training logs go
	 * @return how many caches were prepared
	 */
	static int prepare(Path cacheRoot, Map<String, Path> jars, Map<String, List<String>> javaOptions,
			Map<String, Map<String, String>> environment, Path logDir) {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			jars.forEach((module, jar) -> results.add(pool.submit(() -> prepare(cacheRoot.resolve(module), module, jar,
					javaOptions.get(module), environment.getOrDefault(module, Map.of()), logDir))));
			int prepared = 0;
			for (Future<Boolean> result : results) {
				prepared += result.get() ? 1 : 0;
			}
			return prepared;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Preparing the start-up caches failed", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static boolean prepare(Path directory, String module, Path jar, List<String> javaOptions,
			Map<String, String> environment, Path logDir) throws IOException, InterruptedException {
		if (isCurrent(directory, jar, javaOptions)) {
			return false;
		}
		LocalStack.deleteRecursively(directory);
		Files.createDirectories(directory);
		Path log = logDir.resolve(module + "-training.log");
		// extract: app.jar plus lib/*.jar on its manifest class path
		run(List.of("-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", directory.toString(),
				"--force"), Map.of(), log);
		Path extracted = directory.resolve(jar.getFileName());
		Files.move(extracted, directory.resolve("app.jar"));
		List<String> training = new ArrayList<>(javaOptions);
		training.add(cacheOption(directory, true));
		training.addAll(TRAINING_PROPERTIES);
		training.add("-jar");
		training.add(directory.resolve("app.jar").toString());
		boolean trained = run(training, environment, log) && Files.isRegularFile(cacheFile(directory));
		if (trained) {
			Files.writeString(directory.resolve(STAMP), stamp(jar, javaOptions));
		}
		return trained;
	}

	private static boolean run(List<String> arguments, Map<String, String> environment, Path log)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			return false;
		}
		return process.exitValue() == 0;
	}

	private static boolean isCurrent(Path directory, Path jar, List<String> javaOptions) {
		try {
			Path stamp = directory.resolve(STAMP);
			return Files.isRegularFile(stamp) && Files.isRegularFile(cacheFile(directory))
					&& Files.readString(stamp).equals(stamp(jar, javaOptions));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String stamp(Path jar, List<String> javaOptions) throws IOException {
		return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " "
				+ System.getProperty("java.vm.version") + " " + String.join(" ", javaOptions);
	}

	private static boolean aotCache() {
		return Runtime.version().feature() >= 25;
	}

	private static Path cacheFile(Path directory) {
		return directory.resolve(aotCache() ? "app.aot" : "app.jsa");
	}

	private static String cacheOption(Path directory, boolean training) {
		String file = cacheFile(directory).toString();
		if (aotCache()) {
			return (training ? "-XX:AOTCacheOutput=" : "-XX:AOTCache=") + file;
		}
		return (training ? "-XX:ArchiveClassesAtExit=" : "-XX:SharedArchiveFile=") + file;
	}

}
