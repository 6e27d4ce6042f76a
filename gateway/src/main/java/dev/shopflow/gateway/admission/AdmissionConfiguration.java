package dev.shopflow.gateway.admission;

import dev.shopflow.gateway.system.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cheap refusals of placements while order-service is saturated ({@link PlacementLatch}).
 */
@Configuration(proxyBeanMethods = false)
class AdmissionConfiguration {

	@Bean
	PlacementLatch placementLatch(GatewayProperties properties, MeterRegistry meters) {
		return new PlacementLatch(properties.saturationHold(), System::nanoTime, meters);
	}

}
