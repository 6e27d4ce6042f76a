package dev.shopflow.localrun;

import java.nio.file.Path;
import java.util.Map;

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

}
