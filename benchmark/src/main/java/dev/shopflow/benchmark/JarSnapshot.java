package dev.shopflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.shopflow.localrun.ApplicationJars;

/**
 * A copy of the runnable jars (and of the launcher's Kafka classpath) laid out like a
 * checkout, so that a rebuild in the checkout while a benchmark runs can neither break
 * the start of a service nor change what is measured.
 */
final class JarSnapshot {

	private static final List<String> SERVICES = List.of("psp-simulator", "inventory-service", "payment-service",
			"order-service", "gateway");

	private JarSnapshot() {
	}

	/**
	 * Copies the jars.
	 * @param project the checkout
	 * @param snapshot where the copy goes (replaced)
	 * @return the snapshot, usable as a project directory for {@code LocalStack}
	 */
	static Path take(Path project, Path snapshot) {
		try {
			deleteRecursively(snapshot);
			for (String module : SERVICES) {
				Path jar = ApplicationJars.of(project, module);
				Path copy = snapshot.resolve(module).resolve("target").resolve(jar.getFileName());
				Files.createDirectories(copy.getParent());
				Files.copy(jar, copy, StandardCopyOption.COPY_ATTRIBUTES);
			}
			copyTree(project.resolve("local-run/target/classes"), snapshot.resolve("local-run/target/classes"));
			copyTree(project.resolve("local-run/target/lib"), snapshot.resolve("local-run/target/lib"));
			return snapshot;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not copy the jars to " + snapshot, ex);
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path copy = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
