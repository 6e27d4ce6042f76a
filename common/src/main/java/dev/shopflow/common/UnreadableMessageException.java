package dev.shopflow.common;

/**
 * A message that can never be processed: not JSON, an unknown type id or version, or a
 * missing required field. Consumers send it to the dead-letter topic without retrying.
 */
public class UnreadableMessageException extends PermanentMessageException {

	public UnreadableMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
