package dev.shopflow.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.shopflow.localrun.LocalStack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code benchmark/run} measures the stack as {@code ./shopflow run} starts it.
 */
class BenchmarkScriptTests {

	@Test
	void startsTheServicesWithTheLocalRunsJvmOptionsByDefault() throws Exception {
		String script = Files.readString(Path.of("run"));
		Matcher defaults = Pattern.compile("export SHOPFLOW_JAVA_OPTS=\"\\$\\{SHOPFLOW_JAVA_OPTS:-(.*)}\"")
			.matcher(script);

		assertThat(defaults.find()).as("the default of SHOPFLOW_JAVA_OPTS in benchmark/run").isTrue();
		assertThat(defaults.group(1)).isEqualTo(LocalStack.JAVA_OPTIONS);
	}

}
