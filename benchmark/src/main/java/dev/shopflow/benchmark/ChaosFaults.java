package dev.shopflow.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.shopflow.localrun.LocalStack;
import dev.shopflow.localrun.StackPart;

/**
 * The faults of the chaos run, each done for real: a SIGKILL of a service instance (the
 * local stack's supervisor starts it again), a broker restart, a service database made
 * unavailable ({@code ALLOW_CONNECTIONS false} and its sessions terminated), a SIGSTOP of
 * an instance, and the payment simulator's fault modes. Each call returns once the fault
 * is over: the process ready again, the database reachable again.
 */
final class ChaosFaults {

	static final List<String> SERVICES = List.of("order-service", "payment-service", "inventory-service");

	private final LocalStack stack;

	private final String psp;

	private final Random random;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	ChaosFaults(LocalStack stack, String psp, long seed) {
		this.stack = stack;
		this.psp = psp;
		this.random = new Random(seed);
	}

	/**
	 * One fault of the run.
	 *
	 * @param name what was done
	 * @param start when it began
	 * @param end when it was over (ready again, reachable again)
	 */
	record Fault(String name, Instant start, Instant end) {
	}

	/** A fault to inject, named. */
	interface Injection {

		Fault inject() throws Exception;

	}

	/**
	 * The short run's faults (what {@code ./mvnw verify} runs): one of each kind.
	 * @return the faults, in order
	 */
	List<Injection> shortPlan() {
		return List.of(kill("order-service"), databaseOutage("payment", Duration.ofSeconds(30)),
				freeze("inventory-service", Duration.ofSeconds(20)), restartBroker(),
				provider("errors 30 %, failures after charging 20 %",
						"{\"errorRate\":0.3,\"failAfterChargeRate\":0.2,\"latencyMs\":0,\"timeoutRate\":0}",
						Duration.ofSeconds(20)));
	}

	/**
	 * The full run's faults: every kind on every service, then each service killed again.
	 * @return the faults, in order
	 */
	List<Injection> fullPlan() {
		List<Injection> plan = new ArrayList<>();
		for (String service : ChaosFaults.SERVICES) {
			plan.add(kill(service));
		}
		plan.add(restartBroker());
		for (String database : List.of("order", "payment", "inventory")) {
			plan.add(databaseOutage(database, Duration.ofSeconds(30)));
		}
		for (String service : ChaosFaults.SERVICES) {
			plan.add(freeze(service, Duration.ofSeconds(20)));
		}
		// errorRate, timeoutRate, latencyMs, failAfterChargeRate
		Map<String, double[]> providerFaults = new LinkedHashMap<>();
		providerFaults.put("errors 30 %", new double[] { 0.3, 0, 0, 0 });
		providerFaults.put("timeouts 10 %", new double[] { 0, 0.1, 0, 0 });
		providerFaults.put("3 s latency", new double[] { 0, 0, 3000, 0 });
		providerFaults.put("failures after charging 30 %", new double[] { 0, 0, 0, 0.3 });
		providerFaults
			.forEach(
					(name, rates) -> plan
						.add(provider(name,
								"{\"errorRate\":%s,\"timeoutRate\":%s,\"latencyMs\":%d,\"failAfterChargeRate\":%s}"
									.formatted(rates[0], rates[1], (long) rates[2], rates[3]),
								Duration.ofSeconds(30))));
		// and once more each service killed, now the other instance by chance
		for (String service : ChaosFaults.SERVICES) {
			plan.add(kill(service));
		}
		return plan;
	}

	Injection kill(String service) {
		return () -> {
			StackPart part = pick(service);
			Instant start = Instant.now();
			long pid = this.stack.kill(part);
			this.stack.awaitReady(part);
			return new Fault("SIGKILL " + part.name() + " (pid " + pid + "), restarted by the supervisor", start,
					Instant.now());
		};
	}

	Injection restartBroker() {
		return () -> {
			StackPart kafka = this.stack.part("kafka");
			Instant start = Instant.now();
			this.stack.restart(kafka);
			return new Fault("broker restart", start, Instant.now());
		};
	}

	Injection freeze(String service, Duration duration) {
		return () -> {
			StackPart part = pick(service);
			Instant start = Instant.now();
			this.stack.pause(part);
			try {
				Thread.sleep(duration);
			}
			finally {
				this.stack.resume(part);
			}
			return new Fault("SIGSTOP " + part.name() + " for " + duration.toSeconds() + " s", start, Instant.now());
		};
	}

	Injection databaseOutage(String service, Duration duration) {
		return () -> {
			String database = this.stack.settings().database(service);
			Instant start = Instant.now();
			allowConnections(database, false);
			try {
				Thread.sleep(duration);
			}
			finally {
				allowConnections(database, true);
			}
			return new Fault("database " + database + " unavailable for " + duration.toSeconds() + " s", start,
					Instant.now());
		};
	}

	Injection provider(String name, String faults, Duration duration) {
		return () -> {
			Instant start = Instant.now();
			setProviderFaults(faults);
			try {
				Thread.sleep(duration);
			}
			finally {
				setProviderFaults("{\"errorRate\":0,\"latencyMs\":0,\"timeoutRate\":0,\"failAfterChargeRate\":0}");
			}
			return new Fault("provider " + name + " for " + duration.toSeconds() + " s", start, Instant.now());
		};
	}

	private StackPart pick(String service) {
		List<StackPart> instances = this.stack.instances(service);
		return instances.get(this.random.nextInt(instances.size()));
	}

	private void allowConnections(String database, boolean allow) throws SQLException {
		String admin = this.stack.jdbcUrl("order").replaceFirst("/[^/?]+(\\?.*)?$", "/postgres");
		try (Connection connection = JdbcUrls.connect(admin, this.stack.databaseUser());
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS " + allow);
			if (!allow) {
				try (PreparedStatement terminate = connection.prepareStatement(
						"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
					terminate.setString(1, database);
					terminate.execute();
				}
			}
		}
	}

	private void setProviderFaults(String json) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.psp + "/admin/faults"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			// the simulator's admin endpoints want the stack's admin token
			.header("Authorization", "Bearer " + this.stack.settings().pspAdminToken())
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"Provider faults " + json + ": " + response.statusCode() + " " + response.body());
		}
	}

}
