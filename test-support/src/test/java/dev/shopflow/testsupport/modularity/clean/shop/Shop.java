package dev.shopflow.testsupport.modularity.clean.shop;

public class Shop {

}
