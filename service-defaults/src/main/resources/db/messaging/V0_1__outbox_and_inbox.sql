-- Shared by every service (from service-defaults): the transactional outbox and the inbox.

-- Messages written in the same transaction as the state change they announce; the relay
-- publishes them to Kafka in id order and deletes them once the broker acknowledged.
CREATE TABLE outbox (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    message_type TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    traceparent  TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- Ids of consumed messages, written in the transaction that handled them: a redelivered
-- message finds its id here and is skipped.
CREATE TABLE inbox (
    message_id  UUID        NOT NULL,
    consumer    TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (message_id, consumer)
);

CREATE INDEX inbox_received_at ON inbox (received_at);
