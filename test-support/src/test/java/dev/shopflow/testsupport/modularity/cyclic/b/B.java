package dev.shopflow.testsupport.modularity.cyclic.b;

import dev.shopflow.testsupport.modularity.cyclic.a.A;

public class B {

	A a;

}
