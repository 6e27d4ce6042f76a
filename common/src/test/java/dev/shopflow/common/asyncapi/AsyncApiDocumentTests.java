package dev.shopflow.common.asyncapi;

import java.nio.file.Files;

import dev.shopflow.common.MessageCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncApiDocumentTests {

	@Test
	void committedDocumentMatchesTheMessageRecords() throws Exception {
		if (Boolean.getBoolean("asyncapi.write")) {
			AsyncApiDocument.main(new String[0]);
		}
		String committed = Files.exists(AsyncApiDocument.PATH) ? Files.readString(AsyncApiDocument.PATH) : "";
		assertThat(committed)
			.as("common/asyncapi.yaml is out of date with the message records; regenerate it with "
					+ "'./mvnw -o -q -pl common test -Dtest=AsyncApiDocumentTests -Dasyncapi.write=true'")
			.isEqualTo(AsyncApiDocument.generate());
	}

	@Test
	void everyMessageTypeTheCodecKnowsIsOnAChannel() {
		assertThat(AsyncApiDocument.documentedTypes())
			.as("a message type outside every channel: add its sealed interface to AsyncApiDocument's channels")
			.containsExactlyInAnyOrderElementsOf(MessageCodec.typeIds().keySet());
	}

}
