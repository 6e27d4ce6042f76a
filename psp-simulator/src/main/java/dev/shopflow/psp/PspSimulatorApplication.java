package dev.shopflow.psp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts psp-simulator. */
@SpringBootApplication
public class PspSimulatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(PspSimulatorApplication.class, args);
	}

}
