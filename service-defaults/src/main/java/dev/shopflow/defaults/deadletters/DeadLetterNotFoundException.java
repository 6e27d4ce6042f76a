package dev.shopflow.defaults.deadletters;

/**
 * No such record on the service's dead-letter topics.
 */
class DeadLetterNotFoundException extends RuntimeException {

	DeadLetterNotFoundException(String topic, int partition, long offset) {
		super("No dead letter at " + topic + "-" + partition + "@" + offset
				+ " among this service's dead-letter topics");
	}

}
