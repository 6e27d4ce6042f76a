package dev.shopflow.payment.provider;

import java.io.IOException;
import java.net.http.HttpTimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;

class RetryableFailuresTests {

	@Test
	void retriesFailuresWhoseOutcomeIsUnknown() {
		assertThat(ProviderConfiguration.RETRYABLE)
			.accepts(new ResourceAccessException("timeout", new HttpTimeoutException("read")))
			.accepts(new HttpServerErrorException(HttpStatus.SERVICE_UNAVAILABLE))
			.accepts(new RestClientException("Error while extracting response", new IOException("reset")));
	}

	@Test
	void neverRetriesRefusals() {
		assertThat(ProviderConfiguration.RETRYABLE)
			.rejects(new HttpClientErrorException(HttpStatus.UNPROCESSABLE_CONTENT))
			.rejects(new RestClientException("Error while extracting response", new IllegalStateException()))
			.rejects(new IllegalStateException("bug"));
	}

}
