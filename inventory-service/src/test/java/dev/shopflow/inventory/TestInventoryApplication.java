package dev.shopflow.inventory;

import dev.shopflow.testsupport.Infrastructure;

import org.springframework.boot.SpringApplication;

/**
 * Runs inventory-service from the IDE against PostgreSQL and Kafka in Testcontainers (see
 * {@link Infrastructure}); no docker compose needed. Not a test.
 */
public class TestInventoryApplication {

	public static void main(String[] args) {
		SpringApplication.from(InventoryApplication::main).with(Infrastructure.class).run(args);
	}

}
