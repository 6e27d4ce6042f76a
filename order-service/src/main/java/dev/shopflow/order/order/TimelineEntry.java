package dev.shopflow.order.order;

import java.time.Instant;

/**
 * One step of an order's saga.
 *
 * @param at when it happened ({@code null} until stored)
 * @param step what happened
 * @param detail more about it, or {@code null}
 */
public record TimelineEntry(Instant at, TimelineStep step, String detail) {

}
