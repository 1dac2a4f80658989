import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askIntent } from '../support/alexa-turn.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const MUNICH = { value: 'filiale münchen', id: 'S-MUC', name: 'Lindenhof Markt München' };

describe('StoreHoursIntent over POST /alexa at fixed instants', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ now: '2026-11-24T10:00:00+01:00' });
  });
  after(() => server.close());

  async function hours(now: string, slots: Record<string, any>, locale = 'de-DE') {
    server.setNow(now);
    return askIntent(server, 'StoreHoursIntent', { locale, slots: { day: {}, store: {}, ...slots } });
  }

  test('on a Sunday: closed, and the next opening', async () => {
    const a = await hours('2026-11-22T12:00:00+01:00', { store: MUNICH });
    assert.match(a.speech, /Lindenhof Markt München hat gerade geschlossen und öffnet wieder morgen um 8 Uhr\./);
    const en = await hours('2026-11-22T12:00:00+01:00', { store: MUNICH }, 'en-US');
    // English speech uses the store's English name, as the shop sets it.
    assert.match(en.speech, /Lindenhof Markt Munich is closed and opens again tomorrow at 8 am\./);
  });

  test('open now, until closing time', async () => {
    const a = await hours('2026-11-23T11:00:00+01:00', { store: MUNICH });
    assert.match(a.speech, /Lindenhof Markt München hat gerade geöffnet, bis 20 Uhr\./);
  });

  test('ten minutes before closing: "closes in 10 minutes"', async () => {
    const a = await hours('2026-11-23T19:50:00+01:00', { store: MUNICH });
    assert.match(a.speech, /schließt in 10 Minuten, um 20 Uhr/);
    const en = await hours('2026-11-23T19:50:00+01:00', { store: MUNICH }, 'en-US');
    assert.match(en.speech, /closes in 10 minutes, at 8 pm/);
  });

  test('across the DST change the wall clock of Berlin counts, not UTC', async () => {
    // 17:50 UTC is 19:50 in summer time (CEST, from 29 March 2026) but 18:50 in winter time.
    const summer = await hours('2026-03-30T17:50:00Z', { store: MUNICH });
    assert.match(summer.speech, /schließt in 10 Minuten/);
    const winter = await hours('2026-03-27T17:50:00Z', { store: MUNICH });
    assert.match(winter.speech, /hat gerade geöffnet, bis 20 Uhr/);
    // Sunday 29 March, the night the clocks jump: the next opening is Monday at 8.
    const night = await hours('2026-03-29T02:30:00+02:00', { store: MUNICH });
    assert.match(night.speech, /öffnet wieder morgen um 8 Uhr/);
  });

  test('a public holiday of the store\'s state: closed, with the reason', async () => {
    const a = await hours('2026-01-06T11:00:00+01:00', { store: MUNICH });
    // The reason said once and naturally, then when it opens again.
    assert.match(a.speech, /^Heute ist Heilige Drei Könige, da ist Lindenhof Markt München geschlossen\. Wir öffnen wieder morgen um 8 Uhr\./);
    const berlin = await hours('2026-01-06T11:00:00+01:00', { store: { value: 'berlin', id: 'S-BER' } });
    assert.match(berlin.speech, /Lindenhof Markt Berlin hat gerade geöffnet/);
  });

  test('Christmas Eve short hours, asked ahead for that date', async () => {
    const a = await hours('2026-12-20T10:00:00+01:00', { store: MUNICH, day: { value: '2026-12-24' } });
    assert.match(a.speech, /^Am Donnerstag ist Heiligabend, da hat Lindenhof Markt München nur von 8 bis 14 Uhr geöffnet\./);
    const en = await hours('2026-12-20T10:00:00+01:00', { store: MUNICH, day: { value: '2026-12-24' } }, 'en-US');
    assert.match(en.speech, /^Thursday is Christmas Eve, so Lindenhof Markt Munich is only open from 8 am to 2 pm\./);
  });

  test('a given weekday and a company holiday', async () => {
    const saturday = await hours('2026-11-23T10:00:00+01:00', { store: MUNICH, day: { value: '2026-11-28' } });
    assert.match(saturday.speech, /^Am Samstag hat Lindenhof Markt München von 8 bis 18 Uhr geöffnet\./);
    // A weekday two days ahead is said as that weekday, not as "übermorgen".
    const wednesday = await hours('2026-11-23T10:00:00+01:00', { store: MUNICH, day: { value: '2026-11-25' } });
    assert.match(wednesday.speech, /^Am Mittwoch hat Lindenhof Markt München von 8 bis 20 Uhr geöffnet\./);
    const outing = await hours('2026-11-23T10:00:00+01:00', { store: { value: 'berlin', id: 'S-BER' }, day: { value: '2026-12-04' } });
    assert.match(outing.speech, /^Am Freitag, dem 4\. Dezember ist Betriebsausflug, da ist Lindenhof Markt Berlin geschlossen\./);
  });

  test('this weekend (an Alexa week-end date) gives Saturday and Sunday', async () => {
    const a = await hours('2026-11-23T10:00:00+01:00', { store: MUNICH, day: { value: '2026-W48-WE' } });
    assert.match(a.speech, /^Am Samstag hat Lindenhof Markt München von 8 bis 18 Uhr geöffnet\. Am Sonntag ist Lindenhof Markt München geschlossen\./);
  });

  test('no store named: the shop\'s default store, open now and its weekly hours', async () => {
    const a = await hours('2026-11-23T10:30:00+01:00', {});
    assert.match(a.speech, /^Lindenhof Markt München hat gerade geöffnet, bis 20 Uhr\. Unsere Öffnungszeiten: montags bis freitags von 8 bis 20 Uhr und samstags von 8 bis 18 Uhr\./);
    assert.doesNotMatch(a.speech, /Berlin|Köln/);
  });

  test('an unknown store is said to be unknown', async () => {
    const a = await hours('2026-11-23T10:30:00+01:00', { store: { value: 'hamburg' } });
    assert.match(a.speech, /Eine Filiale „hamburg“ kenne ich nicht/);
  });
});
