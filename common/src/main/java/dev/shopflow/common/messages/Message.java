package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message of the order saga. On the wire it is a JSON object whose {@code type}
 * property is a logical type id such as {@code inventory.ReserveStock.v1}, never a Java
 * class name. Within one type id only optional fields are ever added; a breaking change
 * is a new id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ReserveStock.class, name = ReserveStock.TYPE),
		@JsonSubTypes.Type(value = ReleaseStock.class, name = ReleaseStock.TYPE),
		@JsonSubTypes.Type(value = CommitStock.class, name = CommitStock.TYPE),
		@JsonSubTypes.Type(value = StockReserved.class, name = StockReserved.TYPE),
		@JsonSubTypes.Type(value = StockRejected.class, name = StockRejected.TYPE),
		@JsonSubTypes.Type(value = StockReleased.class, name = StockReleased.TYPE),
		@JsonSubTypes.Type(value = StockCommitted.class, name = StockCommitted.TYPE),
		@JsonSubTypes.Type(value = ChargePayment.class, name = ChargePayment.TYPE),
		@JsonSubTypes.Type(value = RefundPayment.class, name = RefundPayment.TYPE),
		@JsonSubTypes.Type(value = PaymentSucceeded.class, name = PaymentSucceeded.TYPE),
		@JsonSubTypes.Type(value = PaymentDeclined.class, name = PaymentDeclined.TYPE),
		@JsonSubTypes.Type(value = PaymentUnavailable.class, name = PaymentUnavailable.TYPE),
		@JsonSubTypes.Type(value = PaymentRefunded.class, name = PaymentRefunded.TYPE),
		@JsonSubTypes.Type(value = RefundFailed.class, name = RefundFailed.TYPE),
		@JsonSubTypes.Type(value = OrderConfirmed.class, name = OrderConfirmed.TYPE),
		@JsonSubTypes.Type(value = OrderRejected.class, name = OrderRejected.TYPE),
		@JsonSubTypes.Type(value = OrderCancelled.class, name = OrderCancelled.TYPE) })
public sealed interface Message permits InventoryCommand, InventoryReply, PaymentCommand, PaymentReply, OrderEvent {

	/**
	 * Unique id of this message; consumers de-duplicate on it. A message re-sent as the
	 * answer to a redelivered command gets a new id.
	 * @return the message id
	 */
	UUID messageId();

	/**
	 * When the fact happened or the command was given.
	 * @return the instant
	 */
	Instant occurredAt();

	/**
	 * The order (and so the saga) this message belongs to; also the Kafka key.
	 * @return the order id
	 */
	UUID orderId();

	/**
	 * W3C trace context of the work that sent this message, or {@code null}.
	 * @return the {@code traceparent} value
	 */
	String traceparent();

}
