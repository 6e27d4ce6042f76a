package dev.shopflow.testsupport.modularity.web.other;

import dev.shopflow.testsupport.modularity.web.shop.ShopController;

public class Reacher {

	ShopController controller;

}
