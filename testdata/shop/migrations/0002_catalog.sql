-- Catalog: categories, products, their price history and stock.

CREATE TABLE categories (
    id          bigserial PRIMARY KEY,
    parent_id   bigint REFERENCES categories(id),
    name        text NOT NULL,
    archived_at timestamptz
);

CREATE TABLE products (
    id            bigserial PRIMARY KEY,
    sku           text NOT NULL UNIQUE,
    name          text NOT NULL,
    category_id   bigint NOT NULL REFERENCES categories(id),
    search_vector tsvector,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    archived_at   timestamptz
);

CREATE INDEX products_category_idx ON products (category_id);
CREATE INDEX products_search_idx ON products USING gin (search_vector);

CREATE TABLE product_prices (
    product_id  bigint NOT NULL REFERENCES products(id),
    price_cents bigint NOT NULL CHECK (price_cents >= 0),
    currency    char(3) NOT NULL DEFAULT 'EUR',
    valid_from  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, valid_from)
);

CREATE TABLE stock_levels (
    product_id bigint NOT NULL REFERENCES products(id),
    warehouse  text NOT NULL,
    on_hand    int NOT NULL DEFAULT 0,
    reserved   int NOT NULL DEFAULT 0,
    PRIMARY KEY (product_id, warehouse)
);

CREATE FUNCTION touch_product() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();
    NEW.search_vector := to_tsvector('english', NEW.name || ' ' || NEW.sku);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_touch BEFORE INSERT OR UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION touch_product();

INSERT INTO schema_migrations (version) VALUES ('0002_catalog');
