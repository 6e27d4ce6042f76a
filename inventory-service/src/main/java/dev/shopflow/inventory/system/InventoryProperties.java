package dev.shopflow.inventory.system;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of inventory-service ({@code shopflow.inventory.*}).
 *
 * @param currency the shop's one ISO 4217 currency, in which every price is quoted
 */
@ConfigurationProperties("shopflow.inventory")
@Validated
public record InventoryProperties(@DefaultValue("EUR") @Pattern(regexp = "[A-Z]{3}") String currency) {

}
