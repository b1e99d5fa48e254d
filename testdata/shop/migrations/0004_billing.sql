-- Billing: invoices, payments and the double-entry ledger, which lives in
-- its own schema so finance can be granted access to it alone.

CREATE SCHEMA IF NOT EXISTS billing;

CREATE TABLE invoices (
    id          bigserial PRIMARY KEY,
    order_id    bigint NOT NULL UNIQUE REFERENCES orders(id),
    number      text NOT NULL UNIQUE,
    total_cents bigint NOT NULL,
    currency    char(3) NOT NULL,
    status      text NOT NULL DEFAULT 'open',
    issued_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payments (
    id           bigserial PRIMARY KEY,
    invoice_id   bigint NOT NULL REFERENCES invoices(id),
    amount_cents bigint NOT NULL,
    gateway_ref  text NOT NULL,
    status       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payments_invoice_idx ON payments (invoice_id);

CREATE TABLE billing.ledger_entries (
    id           bigserial PRIMARY KEY,
    account      text NOT NULL,
    invoice_id   bigint REFERENCES invoices(id),
    amount_cents bigint NOT NULL,
    memo         text NOT NULL DEFAULT '',
    posted_at    timestamptz NOT NULL DEFAULT now()
);

INSERT INTO schema_migrations (version) VALUES ('0004_billing');
