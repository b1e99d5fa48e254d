-- Ordering: carts, orders and shipments.

CREATE TABLE carts (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL UNIQUE REFERENCES users(id),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cart_items (
    cart_id    bigint NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    product_id bigint NOT NULL REFERENCES products(id),
    quantity   int NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (cart_id, product_id)
);

CREATE TABLE orders (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users(id),
    status      text NOT NULL DEFAULT 'placed',
    total_cents bigint NOT NULL,
    currency    char(3) NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC);

CREATE TABLE order_lines (
    order_id    bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    product_id  bigint NOT NULL REFERENCES products(id),
    quantity    int NOT NULL,
    price_cents bigint NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

CREATE TABLE shipments (
    id         bigserial PRIMARY KEY,
    order_id   bigint NOT NULL REFERENCES orders(id),
    carrier    text NOT NULL,
    tracking   text,
    shipped_at timestamptz
);

INSERT INTO schema_migrations (version) VALUES ('0003_ordering');
