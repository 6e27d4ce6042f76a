package dev.shopflow.order.order;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.shopflow.common.messages.Message;

/**
 * What an order's transitions produced since it was last stored: the messages to send,
 * the timeline steps to record, and which parts of the row changed. The
 * {@link OrderRepository} stores them in the caller's transaction, then clears them.
 */
public final class OrderChanges {

	private final List<TimelineEntry> steps = new ArrayList<>();

	private final List<Message> messages = new ArrayList<>();

	private boolean stateChanged;

	private boolean linesPriced;

	private boolean sagaEnded;

	void note(TimelineStep step, String detail) {
		this.steps.add(new TimelineEntry(null, step, detail));
	}

	void send(Message message) {
		this.messages.add(message);
	}

	void markStateChanged() {
		this.stateChanged = true;
	}

	void markLinesPriced() {
		this.linesPriced = true;
	}

	void markSagaEnded(boolean ended) {
		this.sagaEnded = ended;
	}

	/**
	 * The messages to send, in the order they must be sent.
	 * @return the messages
	 */
	public List<Message> messages() {
		return Collections.unmodifiableList(this.messages);
	}

	/**
	 * The timeline steps to record, oldest first.
	 * @return the steps
	 */
	public List<TimelineEntry> steps() {
		return Collections.unmodifiableList(this.steps);
	}

	/**
	 * Whether the transitions ended the saga (confirmed, rejected or cancelled a pending
	 * order).
	 * @return {@code true} if so
	 */
	public boolean endedSaga() {
		return this.sagaEnded;
	}

	boolean stateChanged() {
		return this.stateChanged;
	}

	boolean linesPriced() {
		return this.linesPriced;
	}

	void clear() {
		this.steps.clear();
		this.messages.clear();
		this.stateChanged = false;
		this.linesPriced = false;
		this.sagaEnded = false;
	}

}
