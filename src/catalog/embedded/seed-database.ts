import type { Database } from 'better-sqlite3';
import { insertProducts } from './product-rows.js';
import { seedCustomers, seedOrders } from './seed/customers.js';
import { seedFaq } from './seed/faq.js';
import { seedProducts } from './seed/seed-products.js';
import { seedShopInfo } from './seed/shop-info.js';
import { seedExceptions, seedStores } from './seed/stores.js';

/** Fills a freshly created shop database with the demo shop. The caller owns the transaction. */
export function seedDatabase(db: Database): void {
  const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  setting.run('shop_info', JSON.stringify(seedShopInfo));
  setting.run('catalog_version', '1');

  const products = seedProducts();
  insertProducts(db, products);

  const store = db.prepare(
    'INSERT INTO stores (id, position, name, city, region, time_zone, aliases, name_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const hours = db.prepare('INSERT INTO store_hours (store_id, weekday, open, close) VALUES (?, ?, ?, ?)');
  seedStores.forEach((s, i) => {
    store.run(s.id, i, s.name, s.city, s.region, s.timeZone, JSON.stringify(s.aliases), s.names?.en ?? null);
    for (const [weekday, intervals] of Object.entries(s.weekly)) {
      for (const interval of intervals ?? []) hours.run(s.id, Number(weekday), interval.open, interval.close);
    }
  });
  const exception = db.prepare(`INSERT INTO store_exceptions (store_id, date, yearly, intervals, reason_de, reason_en)
    VALUES (?, ?, ?, ?, ?, ?)`);
  for (const e of seedExceptions) {
    exception.run(e.storeId, e.date ?? null, e.yearly ?? null, JSON.stringify(e.intervals), e.reason.de, e.reason.en);
  }

  const customer = db.prepare('INSERT INTO customers (id, name, email, phone, access_token) VALUES (?, ?, ?, ?, ?)');
  for (const c of seedCustomers) customer.run(c.id, c.name, c.email, c.phone ?? null, c.accessToken);

  const byId = new Map(products.map((p) => [p.id, p]));
  const order = db.prepare(`INSERT INTO orders (number, customer_id, status, placed_at, total_cents, carrier,
      tracking_number, expected_delivery, delivered_on)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const line = db.prepare(`INSERT INTO order_lines (order_number, position, product_id, name_de, name_en, quantity,
      unit_price_cents) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  for (const o of seedOrders) {
    const lines = o.lines.map((l) => {
      const product = byId.get(l.productId);
      if (!product) throw new Error(`seed order ${o.number} names unknown product ${l.productId}`);
      return { ...l, product, price: l.price ?? product.priceCents };
    });
    const items = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    const shipping = items >= seedShopInfo.freeShippingFromCents ? 0 : seedShopInfo.shippingCents;
    order.run(o.number, o.customerId, o.status, o.placedAt, items + shipping, o.carrier ?? null,
      o.trackingNumber ?? null, o.expectedDelivery ?? null, o.deliveredOn ?? null);
    lines.forEach((l, i) => line.run(o.number, i + 1, l.productId, l.product.name.de, l.product.name.en, l.quantity, l.price));
  }

  const faq = db.prepare(`INSERT INTO faq_topics (id, position, names_de, names_en, answer_de, answer_en)
    VALUES (?, ?, ?, ?, ?, ?)`);
  seedFaq.forEach((f, i) => {
    faq.run(f.id, i, JSON.stringify(f.names.de), JSON.stringify(f.names.en), f.answer.de, f.answer.en);
  });
}

/**
 * Schema version 2 on a demo shop seeded before it: the attribute labels of the demo products
 * (where id and attributes are still the seeded ones) and the stores' English names.
 */
export function labelSeededDemo(db: Database): void {
  const label = db.prepare('UPDATE products SET attribute_labels = ? WHERE id = ? AND attributes = ?');
  for (const p of seedProducts()) {
    if (p.attributeLabels && p.attributes) label.run(JSON.stringify(p.attributeLabels), p.id, JSON.stringify(p.attributes));
  }
  const name = db.prepare('UPDATE stores SET name_en = ? WHERE id = ? AND name = ?');
  for (const s of seedStores) if (s.names?.en) name.run(s.names.en, s.id, s.name);
}

/**
 * Gives the demo customers of a shop seeded before schema version 3 their phone numbers (a
 * callback's number from the linked account, issue 17); a merchant's own customers stay as they are.
 */
export function phoneSeededDemo(db: Database): void {
  const phone = db.prepare('UPDATE customers SET phone = ? WHERE id = ? AND access_token = ? AND phone IS NULL');
  for (const c of seedCustomers) if (c.phone) phone.run(c.phone, c.id, c.accessToken);
}
