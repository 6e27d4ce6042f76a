package dev.shopflow.order.order;

import java.time.Instant;

/**
 * One step of an order's saga as clients see it.
 *
 * @param at when it happened
 * @param step what happened, e.g. {@code STOCK_RESERVED}
 * @param detail more about it, or {@code null}
 */
public record TimelineEntryView(Instant at, String step, String detail) {

	static TimelineEntryView of(TimelineEntry entry) {
		return new TimelineEntryView(entry.at(), entry.step().name(), entry.detail());
	}

}
