import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseShopFile } from '../../src/catalog/shop-file/parse-shop-file.js';

const EXAMPLE = readFileSync('examples/shop.yaml', 'utf8');

test('the documented example is a valid shop file, normalised to cents and weekdays', () => {
  const result = parseShopFile(EXAMPLE);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const { shop } = result;
  assert.deepEqual(shop.name, { de: 'Hofladen Sonnenberg', en: 'Sonnenberg Farm Shop' });
  assert.equal(shop.shippingCents, 495);
  assert.equal(shop.freeShippingFromCents, 5000);
  assert.equal(shop.addressForm, 'sie');
  assert.equal(shop.defaultStoreId, 'starnberg');
  const [starnberg, tutzing] = shop.stores;
  assert.deepEqual(starnberg!.weekly[1], [{ open: '08:00', close: '18:30' }]);
  assert.deepEqual(starnberg!.weekly[5], [{ open: '08:00', close: '18:30' }]);
  assert.equal(starnberg!.weekly[7], undefined, 'closed on Sunday');
  assert.deepEqual(tutzing!.weekly[3], [{ open: '09:00', close: '12:30' }, { open: '14:00', close: '18:00' }]);
  assert.equal(tutzing!.weekly[1], undefined, 'a day not listed is closed');
  assert.deepEqual(tutzing!.exceptions[0], { date: '2027-01-07', intervals: [], reason: { de: 'Inventur', en: 'stocktaking' } });
});

test('every problem is reported at once, each with its line and setting', () => {
  const broken = EXAMPLE
    .replace('timeZone: Europe/Berlin', 'timeZone: Europe/Springfield')
    .replace('defaultStore: starnberg', 'defaultStore: muenchen')
    .replace('      sat: 08:00-13:00', '      sat: 13:00-08:00\n      sunday: closed')
    .replace('    state: DE-BY            # decides', '    state: Bayern            # decides')
    .replace('  cost: 4.95', '  cost: 4.95\n  express: 9.95');
  const result = parseShopFile(broken);
  assert.equal(result.ok, false);
  const lines = broken.split('\n');
  const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
  const problems = !result.ok ? result.problems : [];
  const expect = (line: number, path: string, message: RegExp) =>
    assert.ok(problems.some((p) => p.line === line && p.path === path && message.test(p.message)), `${line} ${path} ${message} in ${JSON.stringify(problems, null, 1)}`);
  expect(at('express: 9.95'), 'shipping.express', /unknown setting "express"/);
  expect(at('sunday: closed'), 'stores[0].hours.sunday', /not a weekday/);
  expect(at('state: Bayern'), 'stores[0].state', /DE-BY/);
  // Shape errors are reported first; the semantic ones follow once the shape is right.
  const semantic = parseShopFile(EXAMPLE.replace('timeZone: Europe/Berlin', 'timeZone: Europe/Springfield').replace('defaultStore: starnberg', 'defaultStore: muenchen').replace('      sat: 08:00-13:00', '      sat: 13:00-08:00'));
  assert.equal(semantic.ok, false);
  const second = !semantic.ok ? semantic.problems : [];
  assert.deepEqual(second.map((p) => p.path), ['timeZone', 'defaultStore', 'stores[0].hours.sat']);
  assert.match(second[0]!.message, /Europe\/Springfield" is not a time zone/);
  assert.match(second[1]!.message, /no store has the id "muenchen"/);
  assert.match(second[2]!.message, /closes before it opens/);
});

test('YAML syntax errors and duplicate keys carry their line', () => {
  const result = parseShopFile('name:\n  de: A\n  de: B\n');
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.problems[0]!.line, 3);
});
