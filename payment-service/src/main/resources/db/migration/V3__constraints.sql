-- payment-service: payment.status has had its CHECK (every PaymentStatus) since V1; the
-- reconciler's attempt counter never goes below zero and a transaction id is never empty (the API
-- takes 1..64 characters). Added NOT VALID and then validated: rows written so far satisfy it, and
-- one that did not would stop the migration rather than stay.
ALTER TABLE payment
    ADD CONSTRAINT payment_attempts_not_negative CHECK (attempts >= 0) NOT VALID,
    ADD CONSTRAINT payment_transaction_id_not_empty CHECK (transaction_id <> '') NOT VALID;

ALTER TABLE payment VALIDATE CONSTRAINT payment_attempts_not_negative;
ALTER TABLE payment VALIDATE CONSTRAINT payment_transaction_id_not_empty;
