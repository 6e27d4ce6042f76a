package dev.shopflow.testsupport.modularity.upward;

public class UpwardApplication {

}
