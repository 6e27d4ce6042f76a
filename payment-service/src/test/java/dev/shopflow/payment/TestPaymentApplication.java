package dev.shopflow.payment;

import dev.shopflow.testsupport.Infrastructure;

import org.springframework.boot.SpringApplication;

/**
 * Runs payment-service from the IDE against PostgreSQL and Kafka in Testcontainers (see
 * {@link Infrastructure}); no docker compose needed. Not a test.
 */
public class TestPaymentApplication {

	public static void main(String[] args) {
		SpringApplication.from(PaymentApplication::main).with(Infrastructure.class).run(args);
	}

}
