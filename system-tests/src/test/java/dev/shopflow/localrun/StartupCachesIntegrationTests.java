package dev.shopflow.localrun;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local run's start-up caches, on a real application (the psp-simulator's jar):
 * trained once, used by the next start (which the JVM accepts without a warning),
 * prepared again when the jar changes.
 */
class StartupCachesIntegrationTests {

	private static final List<String> OPTIONS = List.of(LocalStack.JAVA_OPTIONS.split(" "));

	@TempDir
	Path work;

	private int port;

	@Test
	void trainsOnceStartsFromTheCacheAndRetrainsWhenTheJarChanges() throws Exception {
		Path project = Path.of(System.getProperty("shopflow.project", "..")).toAbsolutePath().normalize();
		Path jar = this.work.resolve("psp-simulator.jar");
		Files.copy(ApplicationJars.of(project, "psp-simulator"), jar);
		Path caches = this.work.resolve("cache");
		Path logs = Files.createDirectories(this.work.resolve("logs"));
		Map<String, Path> jars = Map.of("psp-simulator", jar);

		assertThat(StartupCaches.launchArguments(caches, "psp-simulator", jar, OPTIONS)).containsExactly("-jar",
				jar.toString());
		assertThat(StartupCaches.prepare(caches, jars, Map.of("psp-simulator", OPTIONS), Map.of(), logs)).isEqualTo(1);
		List<String> cached = StartupCaches.launchArguments(caches, "psp-simulator", jar, OPTIONS);
		assertThat(cached.get(0)).matches("-XX:(AOTCache|SharedArchiveFile)=.*");
		assertThat(cached).contains(caches.resolve("psp-simulator/app.jar").toString());
		assertThat(StartupCaches.prepare(caches, jars, Map.of("psp-simulator", OPTIONS), Map.of(), logs)).isZero();

		// the JVM reports an unusable cache as a warning (default -Xlog level) and starts
		// without it

		Path log = logs.resolve("psp-simulator.log");
		Process simulator = start(cached, log);
		try {
			await().atMost(Duration.ofSeconds(90)).until(() -> ready(this.port));
			assertThat(Files.readString(log)).doesNotContainIgnoringCase("[warning][aot")
				.doesNotContainIgnoringCase("[warning][cds")
				.doesNotContain("Unable to use");
		}
		finally {
			simulator.destroy();
			simulator.onExit().get();
		}

		Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
		assertThat(StartupCaches.launchArguments(caches, "psp-simulator", jar, OPTIONS)).containsExactly("-jar",
				jar.toString());
	}

	private Process start(List<String> launch, Path log) throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(OPTIONS);
		command.addAll(launch);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("PSP_PORT", Integer.toString(this.port));
		try (ServerSocket socket = new ServerSocket(0)) {
			builder.environment().put("MANAGEMENT_PORT", Integer.toString(socket.getLocalPort()));
		}
		return builder.start();
	}

	private static boolean ready(int port) {
		try {
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
