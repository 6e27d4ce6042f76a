-- inventory-service: reservation.status has had its CHECK since V1; the reason of a rejection is
-- one of the two StockRejected reasons the code writes (StockRejected.OUT_OF_STOCK, UNKNOWN_SKU).
-- Added NOT VALID and then validated: rows written so far satisfy it, and one that did not would
-- stop the migration rather than stay.
ALTER TABLE reservation
    ADD CONSTRAINT reservation_reject_reason_known
        CHECK (reject_reason IN ('OUT_OF_STOCK', 'UNKNOWN_SKU')) NOT VALID;

ALTER TABLE reservation VALIDATE CONSTRAINT reservation_reject_reason_known;
