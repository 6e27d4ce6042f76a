-- A charge the provider refused for good (a 4xx other than a decline, answered again past the cap)
-- ends FAILED: nothing was charged.
ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check
    CHECK (status IN ('PENDING', 'SUCCEEDED', 'DECLINED', 'REFUNDED', 'FAILED'));

-- a ChargePayment is still unanswered: whoever next records an attempt, even one whose outcome is
-- still unknown, answers it (a retry that found the payment claimed by another caller is answered)
ALTER TABLE payment ADD COLUMN reply_owed BOOLEAN NOT NULL DEFAULT false;

-- provider answers that refused the request (4xx other than 402), for the cap before FAILED
ALTER TABLE payment ADD COLUMN rejections INT NOT NULL DEFAULT 0;
