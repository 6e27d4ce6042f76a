package dev.shopflow.order.idempotency;

import java.time.Duration;

import dev.shopflow.defaults.background.BackgroundTask;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Forgets expired idempotency keys, at start-up and then once an hour (keys are kept for
 * at least 24 h; an expired key that is still there is not replayed anyway).
 */
@Component
class IdempotencyKeyExpiry extends BackgroundTask {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyExpiry.class);

	private final IdempotentRequests requests;

	IdempotencyKeyExpiry(IdempotentRequests requests, MeterRegistry meters) {
		super("idempotency-key-expiry", Duration.ofHours(1), meters);
		this.requests = requests;
	}

	@Override
	protected boolean runOnce() {
		int forgotten = this.requests.forgetExpired();
		log.debug("Forgot {} expired idempotency keys", forgotten);
		return false;
	}

}
