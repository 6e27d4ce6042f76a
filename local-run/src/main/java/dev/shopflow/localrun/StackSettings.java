package dev.shopflow.localrun;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a local stack lives: its run directory (logs, PIDs, Kafka data), its ports and
 * the suffix of its database names. The defaults are the documented local ports; system
 * tests use their own ports and databases so that they never touch a developer's running
 * stack.
 *
 * @param projectDir the checkout (where the modules' {@code target/} jars are)
 * @param runDir the run directory
 * @param portOffset added to every documented port (0 for the real local run)
 * @param databaseSuffix appended to the database names ({@code shopflow_order} + suffix)
 * @param fresh whether to start from empty databases and an empty broker
 * @param environment extra environment variables for every process (e.g. shorter
 * timeouts)
 */
public record StackSettings(Path projectDir, Path runDir, int portOffset, String databaseSuffix, boolean fresh,
		Map<String, String> environment) {

	public StackSettings {
		environment = Map.copyOf(environment);
	}

	/**
	 * The documented local set-up in a checkout.
	 * @param projectDir the checkout
	 * @return the settings
	 */
	public static StackSettings local(Path projectDir) {
		return new StackSettings(projectDir, projectDir.resolve(".run"), 0, "", false, Map.of());
	}

	public int gatewayPort() {
		return 8080 + this.portOffset;
	}

	public int orderPort() {
		return 8081 + this.portOffset;
	}

	public int paymentPort() {
		return 8082 + this.portOffset;
	}

	public int inventoryPort() {
		return 8083 + this.portOffset;
	}

	public int pspPort() {
		return 8089 + this.portOffset;
	}

	public int kafkaPort() {
		return 9092 + this.portOffset;
	}

	public String gatewayUrl() {
		return "http://127.0.0.1:" + gatewayPort();
	}

	public String pspUrl() {
		return "http://127.0.0.1:" + pspPort();
	}

	public String database(String service) {
		return "shopflow_" + service + this.databaseSuffix;
	}

}
