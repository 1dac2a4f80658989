import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { cleanSpokenText, escapeSsml, foreign, list, plain, say } from '../../src/domain/speech.js';
import { formatLongDate, formatPrice, formatTime, formatWeekday, relativeCalendarDay, relativeDay } from '../../src/i18n/format.js';
import { translatorFor } from '../../src/i18n/i18n.js';

test('SSML special characters are escaped exactly once', () => {
  assert.equal(escapeSsml(`Tom & Jerry's <b>"x"</b>`), 'Tom &amp; Jerry&apos;s &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
  const s = say(translatorFor('de-DE'), 'product.notFound', { spoken: '</speak><audio src="x"/>&' });
  assert.ok(!s.ssml.includes('<audio'), s.ssml);
  assert.ok(s.ssml.includes('&lt;/speak&gt;'));
  assert.ok(s.text.includes('</speak><audio src="x"/>&'), 'plain text keeps what was said');
});

test('speech fragments keep their markup inside a template', () => {
  const s = say(translatorFor('de-DE'), 'product.didYouMean', { name: foreign('Smart Plug', 'en-US') });
  assert.equal(s.ssml, 'Meinst du <lang xml:lang="en-US">Smart Plug</lang>?');
  assert.equal(s.text, 'Meinst du Smart Plug?');
});

test('lists are joined as each locale says them', () => {
  assert.equal(list([plain('A'), plain('B'), plain('C')], 'de-DE').text, 'A, B und C');
  assert.equal(list([plain('A'), plain('B')], 'en-US', 'disjunction').text, 'A or B');
});

test('slot text loses control characters and is capped', () => {
  assert.equal(cleanSpokenText('hafer\u0000milch\u202e'), 'hafer milch');
  assert.equal(cleanSpokenText('x'.repeat(10_000)).length, 200);
});

test('prices as each locale writes them for speech', () => {
  assert.equal(formatPrice(349, 'de-DE'), '3,49 €');
  assert.equal(formatPrice(349, 'en-US'), '€3.49');
  assert.equal(formatPrice(129900, 'de-DE'), '1.299,00 €');
});

test('dates and times as each locale speaks them', () => {
  const d = DateTime.fromISO('2026-12-05', { zone: 'Europe/Berlin' });
  assert.equal(formatLongDate(d, 'de-DE'), 'Samstag, dem 5. Dezember');
  assert.equal(formatLongDate(d, 'en-US'), 'Saturday, December 5th');
  assert.equal(formatTime('20:00', 'de-DE'), '20 Uhr');
  assert.equal(formatTime('09:30', 'de-DE'), '9:30 Uhr');
  assert.equal(formatTime('20:00', 'en-US'), '8 pm');
  assert.equal(formatTime('09:30', 'en-GB'), '9:30 am');
});

test('relative days against the clock', () => {
  const now = DateTime.fromISO('2026-11-22T10:00:00', { zone: 'Europe/Berlin' }); // a Sunday
  const on = (iso: string) => relativeDay(DateTime.fromISO(iso, { zone: 'Europe/Berlin' }), now, 'de-DE');
  assert.deepEqual(on('2026-11-22'), { kind: 'today' });
  assert.deepEqual(on('2026-11-23'), { kind: 'tomorrow' });
  assert.deepEqual(on('2026-11-26'), { kind: 'weekday', weekday: 'Donnerstag' });
  assert.deepEqual(on('2026-12-05'), { kind: 'date', date: 'Samstag, dem 5. Dezember' });
});

test('calendar days relative to today, as relativeDay says them', () => {
  const today = '2026-11-22'; // a Sunday
  assert.deepEqual(relativeCalendarDay('2026-11-22', today, 'de-DE'), { kind: 'today' });
  assert.deepEqual(relativeCalendarDay('2026-11-21', today, 'de-DE'), { kind: 'yesterday' });
  assert.deepEqual(relativeCalendarDay('2026-11-24', today, 'de-DE'), { kind: 'dayAfterTomorrow' });
  assert.deepEqual(relativeCalendarDay('2026-11-26', today, 'de-DE'), { kind: 'weekday', weekday: 'Donnerstag' });
  assert.deepEqual(relativeCalendarDay('2026-11-28', today, 'en-GB'), { kind: 'weekday', weekday: 'Saturday' });
  assert.deepEqual(relativeCalendarDay('2026-11-29', today, 'en-US'), { kind: 'date', date: 'Sunday, November 29th' });
  assert.deepEqual(relativeCalendarDay('2026-11-20', today, 'de-DE'), { kind: 'date', date: 'Freitag, dem 20. November' });
  assert.deepEqual(relativeCalendarDay('2027-01-01', '2026-12-31', 'en-US'), { kind: 'tomorrow' });
  assert.deepEqual(relativeCalendarDay('2028-03-01', '2028-02-28', 'en-US'), { kind: 'dayAfterTomorrow' }, 'a leap day between');
  // Not a plain calendar day: the caller asks luxon.
  assert.equal(relativeCalendarDay('2026-02-30', today, 'de-DE'), undefined);
  assert.equal(relativeCalendarDay('2026-11-24T10:00:00Z', today, 'de-DE'), undefined);
});

test('remembered dates and weekdays stay apart per locale and agree with luxon', () => {
  for (const iso of ['2026-12-05', '2027-01-01', '2028-02-29']) {
    const d = DateTime.fromISO(iso, { zone: 'Europe/Berlin' });
    for (const locale of ['de-DE', 'en-US', 'en-GB', 'de-DE'] as const) {
      const lang = locale.slice(0, 2);
      assert.equal(formatWeekday(d, locale), d.setLocale(lang).toFormat('cccc'));
      // en-GB speaks British dates ("Saturday 5 December"), en-US American ("Saturday, December 5th").
      const long = lang === 'de' ? d.setLocale('de').toFormat("cccc, 'dem' d. LLLL") : locale === 'en-GB' ? d.setLocale('en').toFormat('cccc d LLLL') : d.setLocale('en').toFormat('cccc, LLLL d');
      assert.ok(formatLongDate(d, locale).startsWith(long), `${formatLongDate(d, locale)} / ${long}`);
    }
  }
  assert.equal(formatLongDate(DateTime.fromISO('2026-11-23', { zone: 'Pacific/Kiritimati' }), 'en-US'), 'Monday, November 23rd');
  assert.equal(formatLongDate(DateTime.fromISO('2026-11-18', { zone: 'Europe/London' }), 'en-GB'), 'Wednesday 18 November');
});
