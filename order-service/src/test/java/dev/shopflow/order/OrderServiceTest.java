package dev.shopflow.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.shopflow.testsupport.ShopflowIntegrationTest;

/**
 * An integration test of order-service with settings that keep the suite fast (a 3 s saga
 * deadline, a quick sweeper and short payment back-offs). Every class uses the same
 * settings (sweeps of 50 sagas at most), so all share one application context. A request
 * waiting for an order's outcome re-reads it only every minute without a notification, so
 * that a test's wait answered in seconds proves the notification arrived.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ShopflowIntegrationTest(properties = { "shopflow.orders.saga-deadline=3s", "shopflow.orders.sweep-interval=100ms",
		"shopflow.orders.sweep-batch-size=50", "shopflow.orders.payment-retry-initial=200ms",
		"shopflow.orders.payment-retry-max=400ms", "shopflow.orders.admission-refresh=200ms",
		"shopflow.orders.wait-recheck=1m" })
public @interface OrderServiceTest {

}
