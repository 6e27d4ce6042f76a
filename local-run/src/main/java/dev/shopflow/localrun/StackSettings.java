package dev.shopflow.localrun;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a local stack lives: its run directory (logs, PIDs, Kafka data), its ports, the
 * suffix of its database names and how many instances of each service it runs. The
 * defaults are the documented local ports; system tests use their own ports and databases
 * so that they never touch a developer's running stack.
 *
 * <p>
 * Ports: gateway 8080, order-service 8081, payment-service 8082, inventory-service 8083,
 * psp-simulator 8089, Kafka 9092 (its controller 9093), each plus the port offset. The
 * n-th instance of a service listens 100 ports above the one before it: order-service
 * 8081, 8181, 8281... Every application process serves its actuator (Prometheus metrics,
 * health) on its own management port, 1000 above its port: gateway 9080, order-service
 * 9081, 9181...
 *
 * @param projectDir the checkout (where the modules' {@code target/} jars are)
 * @param runDir the run directory
 * @param portOffset added to every documented port (0 for the real local run)
 * @param databaseSuffix appended to the database names ({@code shopflow_order} + suffix)
 * @param fresh whether to start from empty databases and an empty broker
 * @param environment extra environment variables for every process (e.g. shorter
 * timeouts)
 * @param instances processes of each of order-, payment- and inventory-service (1..9)
 */
public record StackSettings(Path projectDir, Path runDir, int portOffset, String databaseSuffix, boolean fresh,
		Map<String, String> environment, int instances) {

	/**
	 * The psp-simulator's admin token in a local stack unless {@code PSP_ADMIN_TOKEN}
	 * says otherwise: not secret, the simulator listens on 127.0.0.1 only here.
	 */
	public static final String DEV_PSP_ADMIN_TOKEN = "dev-only-psp-admin-token";

	/** Ports between two instances of one service. */
	public static final int INSTANCE_PORT_STEP = 100;

	/** Ports between an application's port and its management port. */
	public static final int MANAGEMENT_PORT_STEP = 1000;

	public StackSettings {
		environment = Map.copyOf(environment);
		if (instances < 1 || instances > 9) {
			throw new IllegalArgumentException("instances must be 1..9, not " + instances);
		}
	}

	/**
	 * One instance of each service.
	 */
	public StackSettings(Path projectDir, Path runDir, int portOffset, String databaseSuffix, boolean fresh,
			Map<String, String> environment) {
		this(projectDir, runDir, portOffset, databaseSuffix, fresh, environment, 1);
	}

	/**
	 * The same stack with another number of instances of each service.
	 * @param count instances of each service
	 * @return the settings
	 */
	public StackSettings withInstances(int count) {
		return new StackSettings(this.projectDir, this.runDir, this.portOffset, this.databaseSuffix, this.fresh,
				this.environment, count);
	}

	/**
	 * The port of one instance of a service.
	 * @param firstPort the port of its first instance (e.g. {@link #orderPort()})
	 * @param instance 1 for the first
	 * @return the port
	 */
	public static int instancePort(int firstPort, int instance) {
		return firstPort + (instance - 1) * INSTANCE_PORT_STEP;
	}

	/**
	 * The management port (actuator) of the application process listening on a port.
	 * @param port the application's port (e.g. {@link #gatewayPort()})
	 * @return its management port
	 */
	public static int managementPort(int port) {
		return port + MANAGEMENT_PORT_STEP;
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

	/**
	 * The token the psp-simulator's admin endpoints ({@code /admin/**}: faults,
	 * statistics) want as bearer token: {@code PSP_ADMIN_TOKEN} of the stack's or this
	 * process's environment, else {@link #DEV_PSP_ADMIN_TOKEN}.
	 * @return the token
	 */
	public String pspAdminToken() {
		String token = this.environment.getOrDefault("PSP_ADMIN_TOKEN", System.getenv("PSP_ADMIN_TOKEN"));
		return (token != null && !token.isBlank()) ? token : DEV_PSP_ADMIN_TOKEN;
	}

	public String database(String service) {
		return "shopflow_" + service + this.databaseSuffix;
	}

}
