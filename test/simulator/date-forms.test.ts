// Issue 13: the ways people name a day resolve against the clock as Alexa's AMAZON.DATE does.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { parseDate } from '../../src/simulator/date-words.js';
import { tokenize } from '../../src/simulator/normalize-text.js';

/** Tuesday, 24 November 2026, 10:00 in Berlin (ISO week 48). */
const TUESDAY = DateTime.fromISO('2026-11-24T10:00:00', { zone: 'Europe/Berlin' });
const date = (text: string, language: 'de' | 'en', at = TUESDAY): string | undefined => parseDate(tokenize(text).map((t) => t.key), language, at);

describe('6. dates as people say them', () => {
  test('German', () => {
    assert.equal(date('in zwei tagen', 'de'), '2026-11-26');
    assert.equal(date('übermorgen', 'de'), '2026-11-26');
    assert.equal(date('nächsten freitag', 'de'), '2026-11-27');
    assert.equal(date('am wochenende', 'de'), '2026-W48-WE');
    assert.equal(date('am neunundzwanzigsten dezember', 'de'), '2026-12-29');
    assert.equal(date('am neunundzwanzigsten', 'de'), '2026-11-29');
    assert.equal(date('am zwanzigsten', 'de'), '2026-12-20', 'a day already past this month is next month\'s');
    assert.equal(date('heute abend', 'de'), '2026-11-24');
    assert.equal(date('morgen früh', 'de'), '2026-11-25');
    assert.equal(date('im moment', 'de'), 'PRESENT_REF');
    assert.equal(date('über weihnachten', 'de'), '2026-12-25');
  });

  test('English', () => {
    assert.equal(date('this weekend', 'en'), '2026-W48-WE');
    assert.equal(date('on the 29th', 'en'), '2026-11-29');
    assert.equal(date('on the twenty ninth', 'en'), '2026-11-29');
    assert.equal(date('in two days', 'en'), '2026-11-26');
    assert.equal(date('at the moment', 'en'), 'PRESENT_REF');
    assert.equal(date('tomorrow morning', 'en'), '2026-11-25');
  });

  test('not dates', () => {
    assert.equal(date('in zwei wochen tagen', 'de'), undefined);
    assert.equal(date('neunundzwanzig', 'de'), undefined);
    assert.equal(date('the 45th', 'en'), undefined);
  });
});
