import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import type { Commerce, SpecialDay, Store } from '../../src/catalog/commerce.js';
import { calendarDayIn, dayFromSlot, hoursFrom, openStateAt } from '../../src/domain/opening-hours.js';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

function storeIn(timeZone: string, weekly: Store['weekly']): Store {
  return { id: 'S-TEST', name: 'Test', city: 'Test', region: 'DE-BY', timeZone, weekly, aliases: [] };
}

/** A catalog without holidays that records which ranges were asked for. */
function calendar(specials: SpecialDay[] = []): Commerce & { asked: string[][] } {
  const asked: string[][] = [];
  return { asked, specialDays: async (_id: string, from: string, to: string) => (asked.push([from, to]), specials) } as unknown as Commerce & { asked: string[][] };
}

test('the calendar day of an instant in a zone, on either side of midnight', () => {
  assert.equal(calendarDayIn(utc('2026-11-22T22:59:59Z'), 'Europe/Berlin'), '2026-11-22');
  assert.equal(calendarDayIn(utc('2026-11-22T23:00:00Z'), 'Europe/Berlin'), '2026-11-23');
  assert.equal(calendarDayIn(utc('2026-11-23T03:00:00Z'), 'America/New_York'), '2026-11-22');
  assert.equal(calendarDayIn(utc('2026-12-31T23:30:00Z'), 'Europe/Berlin'), '2027-01-01');
  // One zone asked in turn, forwards and back, over both nights the clocks change (23 and 25 hours).
  const berlin = [
    ['2026-03-28T22:59:59Z', '2026-03-28'], ['2026-03-28T23:00:00Z', '2026-03-29'], ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'], ['2026-03-28T12:00:00Z', '2026-03-28'], ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'], ['2026-10-25T22:59:59Z', '2026-10-25'], ['2026-10-25T23:00:00Z', '2026-10-26'],
    ['2026-10-26T22:59:59Z', '2026-10-26'], ['2026-10-26T23:00:00Z', '2026-10-27'], ['2026-10-24T21:59:59Z', '2026-10-24'],
  ];
  for (const [instant, day] of berlin) assert.equal(calendarDayIn(utc(instant!), 'Europe/Berlin'), day, instant);
  // Havana's clocks fall back from 01:00 to midnight: both of that night's midnights are 1 November.
  for (const [instant, day] of [['2026-11-01T03:59:59Z', '2026-10-31'], ['2026-11-01T04:00:00Z', '2026-11-01'], ['2026-11-01T05:30:00Z', '2026-11-01']]) {
    assert.equal(calendarDayIn(utc(instant!), 'America/Havana'), day, instant);
  }
  // A zone only luxon knows, and one nobody knows.
  assert.equal(calendarDayIn(utc('2026-11-22T22:30:00Z'), 'UTC+2'), '2026-11-23');
  assert.throws(() => calendarDayIn(utc('2026-11-22T22:30:00Z'), 'Mars/Olympus_Mons'), RangeError);
});

test('a plain AMAZON.DATE day is that calendar day in the zone, asked in turn with today; an impossible date is none', () => {
  const now = utc('2026-10-31T15:00:00Z');
  for (let round = 0; round < 2; round++) {
    for (const [zone, day] of [['Europe/Berlin', '2026-11-07'], ['America/Havana', '2026-11-01'], ['America/Santiago', '2026-09-06'], ['UTC+2', '2026-11-07']]) {
      const date = dayFromSlot(day, now, zone!);
      assert.equal(date?.toISODate(), day, `${zone} ${day}`);
      // The day's first instant (Santiago's clocks skip its midnight: 01:00).
      assert.equal(calendarDayIn(date!, zone!), day, `${zone} ${day}`);
      assert.notEqual(calendarDayIn(date!.minus({ milliseconds: 1 }), zone!), day, `${zone} ${day}`);
      assert.equal(calendarDayIn(now, zone!), '2026-10-31', zone);
    }
  }
  assert.equal(dayFromSlot('2026-02-30', now, 'Europe/Berlin'), undefined);
  assert.equal(dayFromSlot('2026-13-01', now, 'Europe/Berlin'), undefined);
  assert.equal(dayFromSlot('2028-02-29', now, 'Europe/Berlin')?.toISODate(), '2028-02-29');
});

test('minutes to closing are real minutes on the nights the clocks change', async () => {
  // Open 01:00-04:00 on Sundays; at 01:30 the clocks still have to jump (or fall back) at 02:00/03:00.
  const night = storeIn('Europe/Berlin', { 7: [{ open: '01:00', close: '04:00' }] });
  const spring = await openStateAt(calendar(), night, utc('2026-03-29T00:30:00Z'));
  assert.deepEqual(spring, { kind: 'open', close: '04:00', minutesLeft: 90 });
  const autumn = await openStateAt(calendar(), night, utc('2026-10-24T23:30:00Z'));
  assert.deepEqual(autumn, { kind: 'open', close: '04:00', minutesLeft: 210 });
  // The second 02:30 of the autumn night is still within the hours.
  assert.deepEqual(await openStateAt(calendar(), night, utc('2026-10-25T01:30:00Z')), { kind: 'open', close: '04:00', minutesLeft: 90 });
});

test('one calendar day in two zones keeps each zone\'s own opening instants', async () => {
  const weekly: Store['weekly'] = { 1: [{ open: '08:00', close: '20:00' }] };
  const now = utc('2026-11-23T14:30:00Z');
  assert.deepEqual(await openStateAt(calendar(), storeIn('Europe/Berlin', weekly), now), { kind: 'open', close: '20:00', minutesLeft: 270 });
  assert.deepEqual(await openStateAt(calendar(), storeIn('America/New_York', weekly), now), { kind: 'open', close: '20:00', minutesLeft: 630 });
  assert.deepEqual(await openStateAt(calendar(), storeIn('Asia/Tokyo', weekly), now), {
    kind: 'closed', today: { isoDate: '2026-11-23', intervals: [{ open: '08:00', close: '20:00' }], special: undefined },
    next: { day: { isoDate: '2026-11-30', intervals: [{ open: '08:00', close: '20:00' }], special: undefined }, open: '08:00' },
  });
  assert.deepEqual(await openStateAt(calendar(), storeIn('Europe/Berlin', weekly), utc('2026-11-23T06:59:00Z')), { kind: 'before-opening', open: '08:00' });
});

test('hours are counted on calendar days across a year\'s end and a leap day', async () => {
  const store = storeIn('Europe/Berlin', { 1: [{ open: '08:00', close: '20:00' }], 6: [{ open: '09:00', close: '14:00' }] });
  const holiday: SpecialDay = { date: '2028-01-01', kind: 'holiday', intervals: [], reason: { de: 'Neujahr', en: 'New Year\'s Day' } };
  const shop = calendar([holiday]);
  const days = await hoursFrom(shop, store, '2027-12-30', 4);
  assert.deepEqual(shop.asked, [['2027-12-30', '2028-01-02']]);
  assert.deepEqual(days.map((d) => [d.isoDate, d.intervals.length, d.special?.kind]), [
    ['2027-12-30', 0, undefined], ['2027-12-31', 0, undefined], ['2028-01-01', 0, 'holiday'], ['2028-01-02', 0, undefined],
  ]);
  const leap = await hoursFrom(calendar(), store, '2028-02-28', 3);
  assert.deepEqual(leap.map((d) => [d.isoDate, d.intervals]), [['2028-02-28', [{ open: '08:00', close: '20:00' }]], ['2028-02-29', []], ['2028-03-01', []]]);
});
