package dev.shopflow.defaults.messaging;

import java.time.Duration;

import dev.shopflow.defaults.background.BackgroundTask;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets consumed message ids past their retention, once an hour. */
class InboxJanitor extends BackgroundTask {

	private static final Logger log = LoggerFactory.getLogger(InboxJanitor.class);

	private static final Duration INTERVAL = Duration.ofHours(1);

	private final Inbox inbox;

	private final Duration retention;

	InboxJanitor(Inbox inbox, Duration retention, MeterRegistry meters) {
		super("inbox-janitor", Duration.ofMinutes(1), INTERVAL, meters);
		this.inbox = inbox;
		this.retention = retention;
	}

	@Override
	protected boolean runOnce() {
		int forgotten = this.inbox.forgetOlderThan(this.retention);
		log.debug("Forgot {} consumed message ids", forgotten);
		return false;
	}

}
