package dev.shopflow.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.awaitility.Awaitility.await;

/**
 * Another instance of the service under test, in the test's JVM and on the test's
 * PostgreSQL and Kafka (for tests of two instances, of a restart, of competing background
 * work), and the wait until an instance's Kafka listeners own their partitions.
 */
public final class Instances {

	private Instances() {
	}

	/**
	 * Starts an instance on the shared database.
	 * @param sources the application class and any test configuration (such as
	 * {@code TestTokens.Decoder})
	 * @param arguments more command-line arguments, e.g. {@code --shopflow.x=y}
	 * @return the running instance, to close when done
	 */
	public static ConfigurableApplicationContext start(List<Class<?>> sources, String... arguments) {
		return startOn(Infrastructure.postgres().getJdbcUrl(), sources, arguments);
	}

	/**
	 * Starts an instance on another database of the shared PostgreSQL.
	 * @param database the database's name
	 * @param sources the application class and any test configuration
	 * @param arguments more command-line arguments
	 * @return the running instance, to close when done
	 */
	public static ConfigurableApplicationContext startOnDatabase(String database, List<Class<?>> sources,
			String... arguments) {
		PostgreSQLContainer postgres = Infrastructure.postgres();
		return startOn("jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database,
				sources, arguments);
	}

	/**
	 * Waits (up to a minute) until the running listeners of one instance own exactly so
	 * many partitions: no rebalance in progress, so what a test sends is read at once.
	 * @param listeners the instance's listener registry
	 * @param partitions how many partitions it must own
	 */
	public static void awaitAssigned(KafkaListenerEndpointRegistry listeners, int partitions) {
		await().atMost(60, TimeUnit.SECONDS).until(() -> assigned(listeners) == partitions);
	}

	/**
	 * How many partitions the running listeners of an instance own now.
	 * @param instance the instance
	 * @return the number of partitions
	 */
	public static int assigned(ApplicationContext instance) {
		return assigned(instance.getBean(KafkaListenerEndpointRegistry.class));
	}

	private static int assigned(KafkaListenerEndpointRegistry listeners) {
		int count = 0;
		for (MessageListenerContainer container : listeners.getListenerContainers()) {
			if (container.isRunning() && container.getAssignedPartitions() != null) {
				count += container.getAssignedPartitions().size();
			}
		}
		return count;
	}

	// command-line arguments: they outrank application.yml, default properties do not
	private static ConfigurableApplicationContext startOn(String jdbcUrl, List<Class<?>> sources, String... arguments) {
		PostgreSQLContainer postgres = Infrastructure.postgres();
		// the actuator's own port at random too: the default (port + 1000) is one for all
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + postgres.getUsername(),
				"--spring.datasource.password=" + postgres.getPassword(),
				"--spring.kafka.bootstrap-servers=" + Infrastructure.kafka().getBootstrapServers()));
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(all.toArray(String[]::new));
	}

}
