package dev.shopflow.deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Compose project of docker-compose.yml plus the CI overlay, driven through whichever
 * Compose exists: the v2 plugin ({@code docker compose}) or Debian's
 * {@code docker-compose} 1.29.
 */
final class ComposeStack {

	private static final List<String> FILES = List.of("-f", "docker-compose.yml", "-f", "deploy/compose.ci.yml");

	private final Path project;

	private final List<String> compose;

	private final String name;

	private final Map<String, String> environment;

	ComposeStack(Path project, String name, Map<String, String> environment) {
		this.project = project;
		this.compose = composeCommand();
		this.name = name;
		this.environment = new LinkedHashMap<>(environment);
	}

	/**
	 * The Compose command line of this machine.
	 * @return {@code [docker, compose]} or {@code [docker-compose]}
	 * @throws IllegalStateException if there is none, with what to install
	 */
	static List<String> composeCommand() {
		if (Commands.available(List.of("docker", "compose", "version"))) {
			return List.of("docker", "compose");
		}
		if (Commands.available(List.of("docker-compose", "version"))) {
			return List.of("docker-compose");
		}
		throw new IllegalStateException("Neither 'docker compose' nor 'docker-compose' is installed: "
				+ "apt-get install -y docker-compose (see deploy/README.md)");
	}

	String composeDescription() {
		return String.join(" ", this.compose);
	}

	Commands.Result run(Duration timeout, String... arguments) {
		List<String> command = new ArrayList<>(this.compose);
		command.addAll(List.of("-p", this.name));
		command.addAll(FILES);
		command.addAll(List.of(arguments));
		return Commands.run(this.project, this.environment, timeout, command);
	}

	Commands.Result runOrFail(Duration timeout, String... arguments) {
		List<String> command = new ArrayList<>(this.compose);
		command.addAll(List.of(arguments));
		return run(timeout, arguments).orFail(command);
	}

	/**
	 * The id of the (first) container of a compose service.
	 * @param service the compose service name
	 * @return the container id
	 */
	String containerId(String service) {
		return runOrFail(Duration.ofSeconds(30), "ps", "-q", service).output().trim().lines().findFirst().orElseThrow();
	}

	/**
	 * Runs a command inside a running service container (without a TTY).
	 * @param service the compose service
	 * @param command the command
	 * @return the result
	 */
	Commands.Result exec(String service, String... command) {
		List<String> docker = new ArrayList<>(List.of("docker", "exec", containerId(service)));
		docker.addAll(List.of(command));
		return Commands.run(this.project, this.environment, Duration.ofSeconds(60), docker);
	}

}
