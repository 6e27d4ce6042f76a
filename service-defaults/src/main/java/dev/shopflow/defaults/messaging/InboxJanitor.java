package dev.shopflow.defaults.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/** Forgets consumed message ids past their retention, once an hour. */
class InboxJanitor implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboxJanitor.class);

	private final Inbox inbox;

	private final Duration retention;

	private ScheduledExecutorService scheduler;

	InboxJanitor(Inbox inbox, Duration retention) {
		this.inbox = inbox;
		this.retention = retention;
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("inbox-janitor").factory());
		this.scheduler.scheduleWithFixedDelay(this::clean, 1, 60, TimeUnit.MINUTES);
	}

	private void clean() {
		try {
			int forgotten = this.inbox.forgetOlderThan(this.retention);
			log.debug("Forgot {} consumed message ids", forgotten);
		}
		catch (RuntimeException ex) {
			log.warn("Could not clean the inbox: {}", ex.getMessage());
		}
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
