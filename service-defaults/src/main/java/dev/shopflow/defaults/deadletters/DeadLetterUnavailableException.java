package dev.shopflow.defaults.deadletters;

/**
 * The broker could not be read or written in time: the caller may try again.
 */
public class DeadLetterUnavailableException extends RuntimeException {

	public DeadLetterUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
