package dev.shopflow.psp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts psp-simulator. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PspSimulatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(PspSimulatorApplication.class, args);
	}

}
