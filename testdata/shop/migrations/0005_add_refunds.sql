-- Refunds are recorded per payment; the running total is denormalised onto
-- payments so that the checkout page does not have to sum refunds.

CREATE TABLE refunds (
    id           bigserial PRIMARY KEY,
    payment_id   bigint NOT NULL REFERENCES payments(id),
    amount_cents bigint NOT NULL CHECK (amount_cents > 0),
    reason       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE payments ADD COLUMN refunded_cents bigint NOT NULL DEFAULT 0;

CREATE INDEX refunds_payment_idx ON refunds (payment_id);

INSERT INTO schema_migrations (version) VALUES ('0005_add_refunds');
