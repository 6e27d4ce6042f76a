-- payment-service: one row per transaction id (the idempotency key of a charge); the outbox
-- and inbox come from service-defaults (db/messaging).
CREATE TABLE payment (
    transaction_id     VARCHAR(64) PRIMARY KEY,
    order_id           UUID,
    -- the paying customer (from ChargePayment): a customer may read their own payments
    customer_id        TEXT,
    amount_minor       BIGINT      NOT NULL CHECK (amount_minor > 0),
    currency           TEXT        NOT NULL,
    status             TEXT        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'DECLINED', 'REFUNDED')),
    decline_code       TEXT,
    provider_reference TEXT,
    -- the card token, kept only while PENDING (reconciliation re-sends the charge); never logged
    payment_token      TEXT,
    -- SHA-256 of the token: "same parameters" can still be checked once the token is gone
    token_fingerprint  TEXT        NOT NULL,
    -- a ChargePayment asked for it: outcomes are answered on shopflow.payment.replies
    notify_saga        BOOLEAN     NOT NULL DEFAULT false,
    traceparent        TEXT,
    -- a refund was asked for and not yet done at the provider (the reconciler honours it)
    refund_requested   BOOLEAN     NOT NULL DEFAULT false,
    -- a RefundPayment asked for it: the refund's outcome is answered on the replies topic
    refund_reply       BOOLEAN     NOT NULL DEFAULT false,
    -- failed provider attempts, for the reconciler's back-off
    attempts           INT         NOT NULL DEFAULT 0,
    -- someone is calling the provider for this payment until then (a crashed caller's lease expires)
    lease_until        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- when the reconciler looks at it next (PENDING, or a refund still to do)
    next_attempt_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    created_at         TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX payment_order_id ON payment (order_id);
CREATE INDEX payment_customer_id ON payment (customer_id);
CREATE INDEX payment_unsettled ON payment (next_attempt_at) WHERE status = 'PENDING' OR refund_requested;
