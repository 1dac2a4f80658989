import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { SNAPSHOT_CHECK_MS } from '../../src/catalog/embedded/shop-snapshot.js';
import { publicHolidays } from '../../src/catalog/embedded/store-calendar.js';
import { ShopError } from '../../src/catalog/shop-error.js';
import { tempDataDir } from './temp-data-dir.js';

async function shopFor(t: Parameters<typeof tempDataDir>[0]): Promise<EmbeddedShop> {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  return shop;
}

test('Heilige Drei Könige closes Munich (Bavaria) but not Berlin', async (t) => {
  const shop = await shopFor(t);
  const munich = await shop.specialDays('S-MUC', '2026-01-06', '2026-01-06');
  assert.deepEqual(munich, [
    { date: '2026-01-06', kind: 'holiday', intervals: [], reason: { de: 'Heilige Drei Könige', en: 'Epiphany' } },
  ]);
  assert.deepEqual(await shop.specialDays('S-BER', '2026-01-06', '2026-01-06'), []);
  assert.deepEqual(await shop.specialDays('S-CGN', '2026-01-06', '2026-01-06'), []);
});

test('each state keeps its own holidays: Frauentag in Berlin, Fronleichnam in Bavaria and NRW', async (t) => {
  const shop = await shopFor(t);
  const dates = async (store: string) => (await shop.specialDays(store, '2026-01-01', '2026-12-31'))
    .filter((d) => d.kind === 'holiday').map((d) => d.date);
  const [muc, ber, cgn] = [await dates('S-MUC'), await dates('S-BER'), await dates('S-CGN')];
  assert.ok(ber.includes('2026-03-08') && !muc.includes('2026-03-08'));
  assert.ok(muc.includes('2026-06-04') && cgn.includes('2026-06-04') && !ber.includes('2026-06-04'));
  for (const all of [muc, ber, cgn]) {
    for (const date of ['2026-01-01', '2026-04-03', '2026-10-03', '2026-12-25', '2026-12-26']) assert.ok(all.includes(date), date);
  }
  assert.ok(!muc.includes('2026-08-08'), 'Augsburger Friedensfest is local, not a Bavarian public holiday');
});

test('holidays are named in German and English', async () => {
  const christmas = (await publicHolidays('DE-NW', 2026)).find((h) => h.date === '2026-12-25');
  assert.deepEqual(christmas?.reason, { de: '1. Weihnachtstag', en: 'Christmas Day' });
});

test('Christmas Eve and New Year\'s Eve have short hours every year in every store', async (t) => {
  const shop = await shopFor(t);
  for (const [store, open] of [['S-MUC', '08:00'], ['S-BER', '09:00'], ['S-CGN', '09:00']] as const) {
    const days = await shop.specialDays(store, '2027-12-24', '2027-12-31');
    const eve = days.find((d) => d.date === '2027-12-24');
    assert.equal(eve?.kind, 'exception');
    assert.deepEqual(eve?.intervals, [{ open, close: '14:00' }]);
    assert.equal(eve?.reason.de, 'Heiligabend');
    assert.deepEqual(days.find((d) => d.date === '2027-12-31')?.intervals, [{ open, close: '14:00' }]);
    assert.deepEqual(days.find((d) => d.date === '2027-12-25')?.kind, 'holiday');
  }
});

test('Christmas Eve on a Sunday (2028) stays closed', async (t) => {
  const shop = await shopFor(t);
  const days = await shop.specialDays('S-MUC', '2028-12-24', '2028-12-24');
  assert.deepEqual(days, []);
});

test('company days: stocktaking in Cologne, a staff outing in Berlin, a late opening in Munich', async (t) => {
  const shop = await shopFor(t);
  const [stocktaking] = await shop.specialDays('S-CGN', '2026-12-29', '2026-12-29');
  assert.deepEqual(stocktaking, { date: '2026-12-29', kind: 'exception', intervals: [], reason: { de: 'Inventur', en: 'Stocktaking' } });
  assert.deepEqual(await shop.specialDays('S-MUC', '2026-12-29', '2026-12-29'), []);
  assert.equal((await shop.specialDays('S-BER', '2026-12-04', '2026-12-04'))[0]?.reason.en, 'Staff outing');
  assert.deepEqual((await shop.specialDays('S-MUC', '2026-11-27', '2026-11-27'))[0]?.intervals, [{ open: '12:00', close: '20:00' }]);
});

test('a range returns holidays and exceptions sorted, across the turn of the year', async (t) => {
  const shop = await shopFor(t);
  const days = await shop.specialDays('S-MUC', '2026-11-22', '2027-01-06');
  assert.deepEqual(days.map((d) => `${d.date} ${d.kind}`), [
    '2026-11-27 exception',
    '2026-12-24 exception',
    '2026-12-25 holiday',
    '2026-12-26 holiday',
    '2026-12-31 exception',
    '2027-01-01 holiday',
    '2027-01-06 holiday',
  ]);
  assert.deepEqual(await shop.specialDays('S-MUC', '2026-12-31', '2026-12-01'), [], 'an empty range');
});

test('an exception replaces a public holiday on the same date', async (t) => {
  const dataDir = await tempDataDir(t);
  const shop = await openEmbeddedShop({ dataDir });
  t.after(() => shop.close());
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const db = new BetterSqlite3(`${dataDir}/shop.sqlite`);
  db.prepare(`INSERT INTO store_exceptions (store_id, date, intervals, reason_de, reason_en)
    VALUES ('S-MUC', '2026-01-06', '[{"open":"10:00","close":"16:00"}]', 'Sonderöffnung', 'Special opening')`).run();
  db.close();
  const days = await shop.specialDays('S-MUC', '2026-01-06', '2026-01-06');
  assert.deepEqual(days, [
    { date: '2026-01-06', kind: 'exception', intervals: [{ open: '10:00', close: '16:00' }], reason: { de: 'Sonderöffnung', en: 'Special opening' } },
  ]);
});

test('an unknown store or a malformed date fails clearly', async (t) => {
  const shop = await shopFor(t);
  await assert.rejects(shop.specialDays('S-XXX', '2026-01-01', '2026-01-31'), (e) => e instanceof ShopError && e.code === 'STORE_NOT_FOUND');
  await assert.rejects(shop.specialDays('S-MUC', '6.1.2026', '2026-01-31'), RangeError);
});

test('kept answers survive a product import; a write by another connection is read within a second', async (t) => {
  const dataDir = await tempDataDir(t);
  let monotonic = 0;
  const shop = await openEmbeddedShop({ dataDir, monotonic: () => monotonic });
  t.after(() => shop.close());
  const before = await shop.specialDays('S-MUC', '2026-12-20', '2027-01-03');
  await shop.replaceProducts((await shop.listProducts()).slice(0, 3));
  assert.deepEqual(await shop.specialDays('S-MUC', '2026-12-20', '2027-01-03'), before);

  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const db = new BetterSqlite3(`${dataDir}/shop.sqlite`);
  db.prepare(`INSERT INTO store_exceptions (store_id, date, intervals, reason_de, reason_en)
    VALUES ('S-MUC', '2026-12-28', '[]', 'Inventur', 'Stocktaking')`).run();
  db.prepare(`UPDATE store_exceptions SET intervals = '[{"open":"08:00","close":"13:00"}]' WHERE store_id = 'S-MUC' AND yearly = '12-24'`).run();
  db.close();
  monotonic += SNAPSHOT_CHECK_MS;
  const after = await shop.specialDays('S-MUC', '2026-12-20', '2027-01-03');
  assert.deepEqual(after.find((d) => d.date === '2026-12-28')?.reason.en, 'Stocktaking');
  assert.deepEqual(after.find((d) => d.date === '2026-12-24')?.intervals, [{ open: '08:00', close: '13:00' }]);
});

test('next year\'s holidays are found after this year\'s answers were kept', async (t) => {
  const shop = await shopFor(t);
  assert.deepEqual((await shop.specialDays('S-MUC', '2026-12-26', '2026-12-31')).map((d) => d.date), ['2026-12-26', '2026-12-31']);
  assert.deepEqual((await shop.specialDays('S-MUC', '2026-12-26', '2027-01-06')).map((d) => d.date), [
    '2026-12-26', '2026-12-31', '2027-01-01', '2027-01-06',
  ]);
  assert.deepEqual((await shop.specialDays('S-MUC', '2027-12-24', '2027-12-24')).map((d) => d.kind), ['exception']);
});

test('a kept answer cannot be changed by whoever received it', async (t) => {
  const shop = await shopFor(t);
  const days = await shop.specialDays('S-MUC', '2026-12-24', '2026-12-26');
  assert.throws(() => (days as unknown[]).push({}), TypeError);
  assert.throws(() => { (days[0]!.intervals[0] as { close: string }).close = '20:00'; }, TypeError);
  assert.deepEqual((await shop.specialDays('S-MUC', '2026-12-24', '2026-12-26'))[0]?.intervals, [{ open: '08:00', close: '14:00' }]);
});
