package dev.shopflow.testsupport.modularity.clean.shop;

import org.springframework.stereotype.Controller;

@Controller
public class ShopController {

	Shop shop;

}
