/**
 * Version 1 of the demo shop's tables. Money in integer cents; localized texts as `_de`/`_en`
 * columns; lists that are only ever read whole (aliases, intervals, FAQ names) as JSON text.
 * Order lines copy the product name and price, because an order must still read right after
 * the product changed or an import removed it.
 */
export const SHOP_SCHEMA_V1 = `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE products (
  id               TEXT PRIMARY KEY,
  name_de          TEXT NOT NULL,
  name_en          TEXT NOT NULL,
  brand            TEXT NOT NULL,
  category         TEXT NOT NULL,
  description_de   TEXT NOT NULL,
  description_en   TEXT NOT NULL,
  price_cents      INTEGER NOT NULL CHECK (price_cents >= 0),
  unit_price_cents INTEGER CHECK (unit_price_cents >= 0),
  unit             TEXT CHECK (unit IN ('l', 'kg', 'piece', 'm')),
  size             TEXT,
  attributes       TEXT,
  variant_group    TEXT,
  stock            INTEGER NOT NULL CHECK (stock >= 0),
  available        INTEGER NOT NULL CHECK (available IN (0, 1)),
  CHECK ((unit_price_cents IS NULL) = (unit IS NULL))
) STRICT;
CREATE INDEX products_variant_group ON products (variant_group);

CREATE TABLE stores (
  id        TEXT PRIMARY KEY,
  position  INTEGER NOT NULL,
  name      TEXT NOT NULL,
  city      TEXT NOT NULL,
  region    TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  aliases   TEXT NOT NULL
) STRICT;

CREATE TABLE store_hours (
  store_id TEXT NOT NULL REFERENCES stores (id),
  weekday  INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  open     TEXT NOT NULL,
  close    TEXT NOT NULL
) STRICT;

CREATE TABLE store_exceptions (
  store_id  TEXT NOT NULL REFERENCES stores (id),
  date      TEXT,
  yearly    TEXT,
  intervals TEXT NOT NULL,
  reason_de TEXT NOT NULL,
  reason_en TEXT NOT NULL,
  CHECK ((date IS NULL) <> (yearly IS NULL))
) STRICT;

CREATE TABLE customers (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  email        TEXT NOT NULL,
  access_token TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE orders (
  number            TEXT PRIMARY KEY CHECK (number <> '' AND number NOT GLOB '*[^0-9]*'),
  customer_id       TEXT NOT NULL REFERENCES customers (id),
  status            TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'shipped', 'delivered', 'cancelled')),
  placed_at         TEXT NOT NULL,
  total_cents       INTEGER NOT NULL,
  carrier           TEXT,
  tracking_number   TEXT,
  expected_delivery TEXT,
  delivered_on      TEXT,
  based_on          TEXT,
  reorder_key       TEXT UNIQUE
) STRICT;
CREATE INDEX orders_customer ON orders (customer_id, placed_at);

CREATE TABLE order_lines (
  order_number     TEXT NOT NULL REFERENCES orders (number),
  position         INTEGER NOT NULL,
  product_id       TEXT NOT NULL,
  name_de          TEXT NOT NULL,
  name_en          TEXT NOT NULL,
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_cents INTEGER NOT NULL,
  PRIMARY KEY (order_number, position)
) STRICT;

CREATE TABLE faq_topics (
  id        TEXT PRIMARY KEY,
  position  INTEGER NOT NULL,
  names_de  TEXT NOT NULL,
  names_en  TEXT NOT NULL,
  answer_de TEXT NOT NULL,
  answer_en TEXT NOT NULL
) STRICT;
`;

/**
 * Version 2: how attribute values and store names are said per language (issue 14): products'
 * `attribute_labels` (JSON `{ "colour": { "de": "Blau", "en": "blue" } }`) and a store's
 * English name where it differs ("Lindenhof Markt Munich").
 */
export const SHOP_SCHEMA_V2 = `
ALTER TABLE products ADD COLUMN attribute_labels TEXT;
ALTER TABLE stores ADD COLUMN name_en TEXT;
`;

/**
 * Version 3: a cart per customer (issue 17, cart and checkout by voice). A line keeps the name
 * as added, so a product an import removed can still be said ("nicht mehr lieferbar"). IF NOT EXISTS:
 * a file an operator rolled back by hand to an older version may still hold the table.
 */
export const SHOP_SCHEMA_V3 = `
CREATE TABLE IF NOT EXISTS cart_lines (
  customer_id TEXT NOT NULL REFERENCES customers (id),
  product_id  TEXT NOT NULL,
  name_de     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  position    INTEGER NOT NULL,
  PRIMARY KEY (customer_id, product_id)
) STRICT;
`;
