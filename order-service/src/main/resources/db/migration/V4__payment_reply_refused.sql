-- A payment reply whose amount or currency differ from the order's total is noted, never applied.
ALTER TABLE order_timeline DROP CONSTRAINT order_timeline_step_known;
ALTER TABLE order_timeline
    ADD CONSTRAINT order_timeline_step_known
        CHECK (step IN ('ORDER_PLACED', 'STOCK_RESERVATION_REQUESTED', 'STOCK_RESERVED', 'STOCK_REJECTED',
                        'PAYMENT_REQUESTED', 'PAYMENT_SUCCEEDED', 'PAYMENT_DECLINED', 'PAYMENT_UNAVAILABLE',
                        'PAYMENT_RETRY_REQUESTED', 'STOCK_COMMIT_REQUESTED', 'STOCK_COMMITTED', 'ORDER_CONFIRMED',
                        'CANCEL_REQUESTED', 'SAGA_DEADLINE_PASSED', 'STOCK_RELEASE_REQUESTED', 'REFUND_REQUESTED',
                        'STOCK_RELEASED', 'PAYMENT_REFUNDED', 'REFUND_NOT_NEEDED', 'LATE_STOCK_RESERVED',
                        'LATE_PAYMENT_SUCCEEDED', 'ORDER_REJECTED', 'ORDER_CANCELLED',
                        'PAYMENT_REPLY_REFUSED')) NOT VALID;
ALTER TABLE order_timeline VALIDATE CONSTRAINT order_timeline_step_known;
