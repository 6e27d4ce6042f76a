package dev.shopflow.testsupport.modularity.web.shop;

import org.springframework.stereotype.Controller;

@Controller
public class ShopController {

}
