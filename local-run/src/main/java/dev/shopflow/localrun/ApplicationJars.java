package dev.shopflow.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a module's runnable jar in its {@code target} directory, whatever the project's
 * version: {@code <module>-<version>-exec.jar} for a module whose plain jar is also a
 * library, else {@code <module>-<version>.jar}; of several builds the newest.
 */
public final class ApplicationJars {

	private ApplicationJars() {
	}

	/**
	 * The runnable jar of a module.
	 * @param projectDir the checkout
	 * @param module the module's directory name
	 * @return the jar
	 * @throws IllegalStateException if the module was not built
	 */
	public static Path of(Path projectDir, String module) {
		Path target = projectDir.resolve(module).resolve("target");
		return newest(target, module, "-exec").or(() -> newest(target, module, ""))
			.orElseThrow(() -> new IllegalStateException(
					"No " + module + " jar in " + target + ": build first (./mvnw -DskipTests package)"));
	}

	private static Optional<Path> newest(Path target, String module, String classifier) {
		// the version is digits first (0.1.0-SNAPSHOT, 1.2.3); "sources", "javadoc" and
		// "tests" jars do not match, and the exec jar only matches with its classifier
		Pattern name = Pattern
			.compile(Pattern.quote(module) + "-\\d[\\w.]*(-SNAPSHOT)?" + Pattern.quote(classifier) + "\\.jar");
		if (!Files.isDirectory(target)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> name.matcher(file.getFileName().toString()).matches())
				.filter(Files::isRegularFile)
				.max(Comparator.comparing(ApplicationJars::modified));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list " + target, ex);
		}
	}

	private static long modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
