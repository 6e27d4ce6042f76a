package dev.shopflow.common.messages;

/** A reply of inventory-service to the saga, on {@code shopflow.inventory.replies}. */
public sealed interface InventoryReply extends Message
		permits StockReserved, StockRejected, StockReleased, StockCommitted {

}
