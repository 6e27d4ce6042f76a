-- order-service: an order whose saga the sweeper could not advance (its handling failed) is not
-- tried again before sweep_after; sweep_failures counts the failures in a row, and the back-off
-- doubles with each. Any stored transition of the order resets both.
ALTER TABLE orders
    ADD COLUMN sweep_failures INT NOT NULL DEFAULT 0 CONSTRAINT orders_sweep_failures_not_negative
        CHECK (sweep_failures >= 0),
    ADD COLUMN sweep_after    TIMESTAMPTZ(3);
