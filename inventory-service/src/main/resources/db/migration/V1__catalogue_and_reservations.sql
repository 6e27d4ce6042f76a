-- inventory-service: the catalogue, its stock and the reservations of orders. The outbox and
-- inbox come from service-defaults (db/messaging).

-- One row per product. Units are counted in three buckets, and the CHECK constraint keeps
-- every unit accounted for at every commit:
--   initial_stock + adjustments = available + reserved + sold
CREATE TABLE product (
    sku              TEXT        PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{0,63}$'),
    name             TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    unit_price_minor BIGINT      NOT NULL CHECK (unit_price_minor > 0),
    initial_stock    BIGINT      NOT NULL CHECK (initial_stock >= 0),
    adjustments      BIGINT      NOT NULL DEFAULT 0,
    available        BIGINT      NOT NULL CHECK (available >= 0),
    reserved         BIGINT      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    sold             BIGINT      NOT NULL DEFAULT 0 CHECK (sold >= 0),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT product_stock_conserved CHECK (initial_stock + adjustments = available + reserved + sold)
);

-- The ledger of admin stock adjustments; their sum per sku equals product.adjustments.
CREATE TABLE stock_adjustment (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         TEXT        NOT NULL REFERENCES product (sku),
    delta       BIGINT      NOT NULL CHECK (delta <> 0),
    adjusted_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX stock_adjustment_sku ON stock_adjustment (sku);

-- What happened to each order's stock, one row per order: the business key that makes every
-- command idempotent. RESERVED -> COMMITTED -> RELEASED, RESERVED -> RELEASED, REJECTED (final),
-- and TOMBSTONE: released before any reservation arrived, so a late ReserveStock reserves nothing.
CREATE TABLE reservation (
    order_id      UUID        PRIMARY KEY,
    status        TEXT        NOT NULL
                              CHECK (status IN ('RESERVED', 'COMMITTED', 'RELEASED', 'REJECTED', 'TOMBSTONE')),
    currency      TEXT,
    reject_reason TEXT,
    reject_sku    TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT reservation_rejection_has_reason CHECK ((status = 'REJECTED') = (reject_reason IS NOT NULL))
);

-- The lines of a granted reservation with the unit prices quoted in StockReserved, so that a
-- redelivered ReserveStock is answered with exactly the same lines and prices.
CREATE TABLE reservation_line (
    order_id         UUID   NOT NULL REFERENCES reservation (order_id),
    line_no          INT    NOT NULL,
    sku              TEXT   NOT NULL REFERENCES product (sku),
    quantity         INT    NOT NULL CHECK (quantity > 0),
    unit_price_minor BIGINT NOT NULL CHECK (unit_price_minor > 0),
    PRIMARY KEY (order_id, line_no),
    UNIQUE (order_id, sku)
);
