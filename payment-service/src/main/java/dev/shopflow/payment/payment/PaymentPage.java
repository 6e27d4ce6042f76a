package dev.shopflow.payment.payment;

import java.util.List;

/**
 * A page of payments.
 *
 * @param items the payments
 * @param page the page number, from 0
 * @param size the page size
 * @param totalItems how many payments match in all
 */
record PaymentPage(List<PaymentView> items, int page, int size, long totalItems) {

}
