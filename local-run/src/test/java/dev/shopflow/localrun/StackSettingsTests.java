package dev.shopflow.localrun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackSettingsTests {

	@Test
	void givesThePaymentSimulatorsAdminEndpointsTheStacksToken() {
		StackSettings own = new StackSettings(Path.of("."), Path.of(".run"), 0, "", false,
				Map.of("PSP_ADMIN_TOKEN", "chaos-token"));

		assertThat(own.pspAdminToken()).isEqualTo("chaos-token");
		if (System.getenv("PSP_ADMIN_TOKEN") == null) {
			assertThat(StackSettings.local(Path.of(".")).pspAdminToken()).isEqualTo(StackSettings.DEV_PSP_ADMIN_TOKEN);
		}
	}

	@Test
	void givesEveryApplicationProcessAManagementPortOfItsOwn() {
		StackSettings settings = StackSettings.local(Path.of(".")).withInstances(9);
		List<Integer> applications = new ArrayList<>(List.of(settings.gatewayPort(), settings.pspPort()));
		for (int first : List.of(settings.orderPort(), settings.paymentPort(), settings.inventoryPort())) {
			for (int instance = 1; instance <= settings.instances(); instance++) {
				applications.add(StackSettings.instancePort(first, instance));
			}
		}
		Set<Integer> taken = new HashSet<>(applications);
		taken.addAll(List.of(settings.kafkaPort(), settings.kafkaPort() + 1));

		for (int port : applications) {
			assertThat(taken.add(StackSettings.managementPort(port))).as("management port of " + port).isTrue();
		}
		assertThat(StackSettings.managementPort(settings.gatewayPort())).isEqualTo(9080);
		assertThat(StackSettings.managementPort(settings.orderPort())).isEqualTo(9081);
	}

}
