package dev.shopflow.common.messages;

/**
 * A command from the saga (order-service) to inventory-service, on
 * {@code shopflow.inventory.commands}.
 */
public sealed interface InventoryCommand extends Message permits ReserveStock, ReleaseStock, CommitStock {

}
