package dev.shopflow.localrun;

import java.util.List;
import java.util.Map;

/**
 * One process of the local topology, as data: what it is, how it is started and how it is
 * known to be ready. {@link LocalStack} starts, probes, restarts and stops every part
 * from one table of these.
 *
 * @param name the process name, also its log file's ({@code order-service-2.log}); the
 * first instance of a service carries the service's name alone
 * @param service what runs ({@code kafka}, {@code gateway}, {@code order-service}...)
 * @param port where it listens
 * @param probe how readiness is known
 * @param needs names of the parts that must answer before this one starts
 * @param arguments the java arguments after the process marker
 * @param environment the environment, on top of the stack's own
 */
public record StackPart(String name, String service, int port, Probe probe, List<String> needs, List<String> arguments,
		Map<String, String> environment) {

	public StackPart {
		needs = List.copyOf(needs);
		arguments = List.copyOf(arguments);
		environment = Map.copyOf(environment);
	}

	/** How a part is known to be ready. */
	public enum Probe {

		/** Its port accepts connections (the broker). */
		PORT,

		/**
		 * {@code /readyz} of its port (the readiness group, which the management port
		 * serves as {@code /actuator/health/readiness}) answers 200 (the applications).
		 */
		READINESS

	}

	@Override
	public String toString() {
		return this.name + " (:" + this.port + ")";
	}

}
