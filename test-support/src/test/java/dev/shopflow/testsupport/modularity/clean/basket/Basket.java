package dev.shopflow.testsupport.modularity.clean.basket;

import dev.shopflow.testsupport.modularity.clean.shop.Shop;

public class Basket {

	Shop shop;

}
