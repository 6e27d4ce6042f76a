package dev.shopflow.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ApplicationJarsTests {

	@TempDir
	Path project;

	@Test
	void findsThePlainJarWhateverTheVersion() throws IOException {
		Path jar = jar("order-service", "order-service-2.3.1.jar", 0);
		jar("order-service", "order-service-2.3.1-sources.jar", 0);
		jar("order-service", "order-service-2.3.1-tests.jar", 0);

		assertThat(ApplicationJars.of(this.project, "order-service")).isEqualTo(jar);
	}

	@Test
	void prefersTheExecJarOfALibraryModule() throws IOException {
		jar("psp-simulator", "psp-simulator-0.1.0-SNAPSHOT.jar", 0);
		Path exec = jar("psp-simulator", "psp-simulator-0.1.0-SNAPSHOT-exec.jar", 0);

		assertThat(ApplicationJars.of(this.project, "psp-simulator")).isEqualTo(exec);
	}

	@Test
	void takesTheNewestOfSeveralBuilds() throws IOException {
		jar("gateway", "gateway-0.1.0-SNAPSHOT.jar", 0);
		Path newer = jar("gateway", "gateway-0.2.0-SNAPSHOT.jar", 60);

		assertThat(ApplicationJars.of(this.project, "gateway")).isEqualTo(newer);
	}

	@Test
	void doesNotMistakeAnotherModulesJar() throws IOException {
		jar("order-service", "order-service-extras-0.1.0.jar", 0);

		assertThatIllegalStateException().isThrownBy(() -> ApplicationJars.of(this.project, "order-service"))
			.withMessageContaining("build first");
	}

	@Test
	void saysToBuildWhenTheModuleWasNotBuilt() {
		assertThatIllegalStateException().isThrownBy(() -> ApplicationJars.of(this.project, "gateway"))
			.withMessageContaining("No gateway jar")
			.withMessageContaining("./mvnw -DskipTests package");
	}

	private Path jar(String module, String name, int secondsLater) throws IOException {
		Path jar = this.project.resolve(module).resolve("target").resolve(name);
		Files.createDirectories(jar.getParent());
		Files.write(jar, new byte[] { 1 });
		Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(secondsLater)));
		return jar;
	}

}
