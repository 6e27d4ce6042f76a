package dev.shopflow.testsupport.modularity.upward.feature;

import dev.shopflow.testsupport.modularity.upward.UpwardApplication;

public class Feature {

	UpwardApplication application;

}
