package dev.shopflow.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the checkout is: the {@code shopflow.project} system property set by the build,
 * else the parent of the working directory.
 */
final class Project {

	private Project() {
	}

	static Path root() {
		Path root = Path.of(System.getProperty("shopflow.project", "..")).toAbsolutePath().normalize();
		if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
			root = root.getParent();
		}
		return root;
	}

}
