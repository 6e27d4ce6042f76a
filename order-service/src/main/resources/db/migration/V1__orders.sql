-- order-service: orders, their lines, the saga's state and timeline, and idempotency keys.
-- The outbox and inbox come from service-defaults (db/messaging).

-- An order and the persisted state of the saga that coordinates it (one row: one lock, one update per step).
CREATE TABLE orders (
    id                  UUID           PRIMARY KEY,
    customer_id         TEXT           NOT NULL,
    status              TEXT           NOT NULL,
    failure_reason      TEXT,
    currency            TEXT           NOT NULL,
    total_minor         BIGINT,
    created_at          TIMESTAMPTZ(3) NOT NULL,
    updated_at          TIMESTAMPTZ(3) NOT NULL,
    traceparent         TEXT,
    -- saga: where it stands, when it must be finished, what it needs to go on
    saga_step           TEXT           NOT NULL,
    deadline            TIMESTAMPTZ(3) NOT NULL,
    payment_token       TEXT,
    charge_attempts     INT            NOT NULL DEFAULT 0,
    next_charge_at      TIMESTAMPTZ(3),
    stock_reserved      BOOLEAN        NOT NULL DEFAULT false,
    charged             BOOLEAN        NOT NULL DEFAULT false,
    payment_unavailable BOOLEAN        NOT NULL DEFAULT false
);

CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC, id DESC);
CREATE INDEX orders_by_creation ON orders (created_at DESC, id DESC);
-- the sweeper's two questions: which sagas are overdue, which charges are due for a retry
CREATE INDEX orders_pending_deadline ON orders (deadline) WHERE status = 'PENDING';
CREATE INDEX orders_charge_retry_due ON orders (next_charge_at) WHERE next_charge_at IS NOT NULL;

CREATE TABLE order_lines (
    order_id         UUID   NOT NULL REFERENCES orders (id),
    line_no          INT    NOT NULL,
    sku              TEXT   NOT NULL,
    quantity         INT    NOT NULL,
    unit_price_minor BIGINT,
    PRIMARY KEY (order_id, line_no)
);

-- Every step of every saga, oldest first by id.
CREATE TABLE order_timeline (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id UUID           NOT NULL,
    at       TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),
    step     TEXT           NOT NULL,
    detail   TEXT
);

CREATE INDEX order_timeline_by_order ON order_timeline (order_id, id);

-- Idempotency-Key of POST /api/orders, scoped to the caller, with the first answer to replay.
CREATE TABLE idempotency_keys (
    customer_id     TEXT           NOT NULL,
    idempotency_key TEXT           NOT NULL,
    request_hash    TEXT           NOT NULL,
    order_id        UUID           NOT NULL,
    response_status INT            NOT NULL,
    response_body   TEXT           NOT NULL,
    created_at      TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ(3) NOT NULL,
    PRIMARY KEY (customer_id, idempotency_key)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
