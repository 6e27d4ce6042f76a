package dev.shopflow.testsupport.modularity.clean;

import dev.shopflow.testsupport.modularity.clean.basket.Basket;

public class CleanApplication {

	Basket basket;

}
