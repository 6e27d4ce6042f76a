package dev.shopflow.common;

/**
 * A message that no retry can ever process (it breaks the contract, or contradicts what
 * the consumer already knows). Consumers send it to the dead-letter topic at once instead
 * of retrying it; every other exception is retried a bounded number of times first.
 */
public abstract class PermanentMessageException extends RuntimeException {

	protected PermanentMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
