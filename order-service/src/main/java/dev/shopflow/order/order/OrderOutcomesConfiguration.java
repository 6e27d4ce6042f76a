package dev.shopflow.order.order;

import dev.shopflow.order.system.OrderProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.Driver;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The listener behind {@code Prefer: wait} on {@code GET /api/orders/{id}}. */
@Configuration(proxyBeanMethods = false)
class OrderOutcomesConfiguration {

	/**
	 * Listens on its own connection to the service's database (the same one the pool
	 * uses, also when a test container provides it), outside the pool.
	 * @param database where the service's database is
	 * @param properties the service's settings
	 * @param meters the meter registry
	 * @return the listener
	 */
	@Bean
	OrderOutcomes orderOutcomes(JdbcConnectionDetails database, OrderProperties properties, MeterRegistry meters) {
		SimpleDriverDataSource listening = new SimpleDriverDataSource(new Driver(), database.getJdbcUrl(),
				database.getUsername(), database.getPassword());
		return new OrderOutcomes(listening, properties.waitRecheck(), properties.maxConcurrentWaits(), meters);
	}

}
