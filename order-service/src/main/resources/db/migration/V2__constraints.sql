-- order-service: what the code has always written, now also what the database accepts. Every
-- value of the enums OrderStatus, FailureReason, SagaStep and TimelineStep, each sku once per
-- order (the API refuses a second line with the same sku with a 400 problem), and no timeline
-- without its order. Rows written so far satisfy all of it: each constraint is added NOT VALID
-- and then validated, so an existing row that did not would stop the migration, not be
-- silently kept.

ALTER TABLE orders
    ADD CONSTRAINT orders_status_known
        CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')) NOT VALID,
    ADD CONSTRAINT orders_failure_reason_known
        CHECK (failure_reason IN ('OUT_OF_STOCK', 'UNKNOWN_SKU', 'PAYMENT_DECLINED', 'PAYMENT_UNAVAILABLE',
                                  'TIMEOUT')) NOT VALID,
    -- a reason exactly when rejected (a rejected order is final: it is never cancelled)
    ADD CONSTRAINT orders_rejection_has_reason
        CHECK ((status = 'REJECTED') = (failure_reason IS NOT NULL)) NOT VALID,
    ADD CONSTRAINT orders_saga_step_known
        CHECK (saga_step IN ('RESERVING_STOCK', 'CHARGING_PAYMENT', 'COMMITTING_STOCK', 'FINISHED')) NOT VALID,
    ADD CONSTRAINT orders_charge_attempts_not_negative CHECK (charge_attempts >= 0) NOT VALID,
    ADD CONSTRAINT orders_total_not_negative CHECK (total_minor >= 0) NOT VALID;

ALTER TABLE orders VALIDATE CONSTRAINT orders_status_known;
ALTER TABLE orders VALIDATE CONSTRAINT orders_failure_reason_known;
ALTER TABLE orders VALIDATE CONSTRAINT orders_rejection_has_reason;
ALTER TABLE orders VALIDATE CONSTRAINT orders_saga_step_known;
ALTER TABLE orders VALIDATE CONSTRAINT orders_charge_attempts_not_negative;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_not_negative;

ALTER TABLE order_lines
    ADD CONSTRAINT order_lines_quantity_positive CHECK (quantity > 0) NOT VALID,
    ADD CONSTRAINT order_lines_unit_price_positive CHECK (unit_price_minor > 0) NOT VALID,
    -- the pricing update matches lines by (order_id, sku)
    ADD CONSTRAINT order_lines_one_line_per_sku UNIQUE (order_id, sku);

ALTER TABLE order_lines VALIDATE CONSTRAINT order_lines_quantity_positive;
ALTER TABLE order_lines VALIDATE CONSTRAINT order_lines_unit_price_positive;

ALTER TABLE order_timeline
    ADD CONSTRAINT order_timeline_step_known
        CHECK (step IN ('ORDER_PLACED', 'STOCK_RESERVATION_REQUESTED', 'STOCK_RESERVED', 'STOCK_REJECTED',
                        'PAYMENT_REQUESTED', 'PAYMENT_SUCCEEDED', 'PAYMENT_DECLINED', 'PAYMENT_UNAVAILABLE',
                        'PAYMENT_RETRY_REQUESTED', 'STOCK_COMMIT_REQUESTED', 'STOCK_COMMITTED', 'ORDER_CONFIRMED',
                        'CANCEL_REQUESTED', 'SAGA_DEADLINE_PASSED', 'STOCK_RELEASE_REQUESTED', 'REFUND_REQUESTED',
                        'STOCK_RELEASED', 'PAYMENT_REFUNDED', 'REFUND_NOT_NEEDED', 'LATE_STOCK_RESERVED',
                        'LATE_PAYMENT_SUCCEEDED', 'ORDER_REJECTED', 'ORDER_CANCELLED')) NOT VALID,
    ADD CONSTRAINT order_timeline_order_exists FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;

ALTER TABLE order_timeline VALIDATE CONSTRAINT order_timeline_step_known;
ALTER TABLE order_timeline VALIDATE CONSTRAINT order_timeline_order_exists;
