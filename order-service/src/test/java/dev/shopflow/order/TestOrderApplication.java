package dev.shopflow.order;

import dev.shopflow.testsupport.Infrastructure;

import org.springframework.boot.SpringApplication;

/**
 * Runs order-service from the IDE against PostgreSQL and Kafka in Testcontainers (see
 * {@link Infrastructure}); no docker compose needed. Not a test.
 */
public class TestOrderApplication {

	public static void main(String[] args) {
		SpringApplication.from(OrderApplication::main).with(Infrastructure.class).run(args);
	}

}
