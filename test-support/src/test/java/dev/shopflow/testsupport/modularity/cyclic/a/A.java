package dev.shopflow.testsupport.modularity.cyclic.a;

import dev.shopflow.testsupport.modularity.cyclic.b.B;

public class A {

	B b;

}
