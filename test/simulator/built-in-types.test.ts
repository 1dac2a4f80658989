// simulator.md 6: numbers, dates and times resolved against a reference clock and time zone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { openConversation } from '../../src/simulator/conversation.js';
import { parseDate } from '../../src/simulator/date-words.js';
import { tokenize } from '../../src/simulator/normalize-text.js';
import { parseNumber } from '../../src/text/number-words.js';
import { parseTime } from '../../src/simulator/time-words.js';
import { fixtureModels, heard, recordingTransport, SUNDAY } from './support.js';

const words = (text: string): string[] => tokenize(text).map((t) => t.key);

describe('6. built-in slot types', () => {
  test('AMAZON.NUMBER: German and English number words become digits', () => {
    const cases: Array<[string, 'de' | 'en', string | undefined]> = [
      ['zwei', 'de', '2'], ['zwo', 'de', '2'], ['einundzwanzig', 'de', '21'], ['zwölf', 'de', '12'], ['zwoelf', 'de', '12'],
      ['hundertdreiundzwanzig', 'de', '123'], ['zehntausenddreiundzwanzig', 'de', '10023'], ['drei und zwanzig', 'de', '23'],
      ['ein dutzend', 'de', '12'], ['vier sieben eins eins', 'de', '4711'], ['10023', 'de', '10023'], ['eine million', 'de', '1000000'],
      ['twenty one', 'en', '21'], ['twenty-one', 'en', '21'], ['a dozen', 'en', '12'], ['two dozen', 'en', '24'],
      ['one hundred and five', 'en', '105'], ['ten thousand twenty three', 'en', '10023'], ['four seven one one', 'en', '4711'],
      ['zwei', 'en', undefined], ['two', 'de', undefined], ['hafermilch', 'de', undefined], ['twenty twenty one', 'en', undefined],
    ];
    for (const [said, language, digits] of cases) assert.equal(parseNumber(words(said), language), digits, `${said} (${language})`);
  });

  test('AMAZON.DATE: relative days, weekdays, weekends, weeks, named days, against the clock', () => {
    const de = (said: string, at = SUNDAY) => parseDate(words(said), 'de', at);
    const en = (said: string, at = SUNDAY) => parseDate(words(said), 'en', at);
    assert.equal(de('heute'), '2026-11-22');
    assert.equal(de('morgen'), '2026-11-23');
    assert.equal(de('übermorgen'), '2026-11-24');
    assert.equal(de('am Samstag'), '2026-11-28');
    assert.equal(de('sonntag'), '2026-11-22', 'a weekday is the next one on or after today');
    assert.equal(de('nächsten sonntag'), '2026-11-29', '"nächsten" skips today');
    assert.equal(de('am wochenende'), '2026-W47-WE');
    assert.equal(de('nächste woche'), '2026-W48');
    assert.equal(de('an heiligabend'), '2026-12-24');
    assert.equal(de('am vierundzwanzigsten dezember'), '2026-12-24');
    assert.equal(de('erster januar'), '2027-01-01', 'a date without a year is the next one');
    assert.equal(de('jetzt'), 'PRESENT_REF');
    assert.equal(en('tomorrow'), '2026-11-23');
    assert.equal(en('next saturday'), '2026-11-28');
    assert.equal(en('this weekend'), '2026-W47-WE');
    assert.equal(en('christmas eve'), '2026-12-24');
    assert.equal(en('december twenty fourth'), '2026-12-24');
    assert.equal(en('the 24th of december'), '2026-12-24');
    assert.equal(en('right now'), 'PRESENT_REF');
    const thursday = DateTime.fromISO('2026-11-26T09:00', { zone: 'Europe/Berlin' });
    assert.equal(en('this weekend', thursday), '2026-W48-WE');
    assert.equal(de('samstag', thursday), '2026-11-28');
    assert.equal(de('hafermilch'), undefined);
  });

  test('dates follow the time zone: 23:30 UTC on Saturday is already Sunday in Berlin', () => {
    const utc = DateTime.fromISO('2026-11-21T23:30:00Z');
    assert.equal(parseDate(['heute'], 'de', utc.setZone('Europe/Berlin')), '2026-11-22');
    assert.equal(parseDate(['today'], 'en', utc.setZone('America/New_York')), '2026-11-21');
  });

  test('AMAZON.TIME: "halb neun", "viertel vor neun", "9 pm", parts of the day', () => {
    const cases: Array<[string, 'de' | 'en', string]> = [
      ['halb neun', 'de', '08:30'], ['viertel nach acht', 'de', '08:15'], ['viertel vor neun', 'de', '08:45'],
      ['um acht uhr', 'de', '08:00'], ['acht uhr dreißig', 'de', '08:30'], ['halb neun abends', 'de', '20:30'],
      ['20 uhr', 'de', '20:00'], ['abends', 'de', 'EV'], ['mittags', 'de', '12:00'],
      ['9 pm', 'en', '21:00'], ['9pm', 'en', '21:00'], ['half past eight', 'en', '08:30'], ['quarter to nine', 'en', '08:45'],
      ['nine thirty', 'en', '09:30'], ["eight o'clock", 'en', '08:00'], ['noon', 'en', '12:00'], ['morning', 'en', 'MO'],
    ];
    for (const [said, language, time] of cases) assert.equal(parseTime(words(said), language), time, said);
  });

  test('the request carries the resolved values; Dialogflow gets its own formats', async () => {
    const models = fixtureModels();
    const de = await models.alexa('de-DE');
    assert.equal(heard(de, 'wann hat münchen am samstag offen').slots.day?.value, '2026-11-28');
    assert.equal(heard(de, 'ich komme um halb neun').slots.time?.value, '08:30');
    assert.equal(heard(await models.alexa('en-US'), 'pickup at 9 pm').slots.time?.value, '21:00');

    const transport = recordingTransport({});
    const c = await openConversation({ platform: 'google', locale: 'de-DE', models, transport, clock: '2026-11-22T10:00:00+01:00' });
    await c.turn({ utterance: 'wo ist bestellung zehntausenddreiundzwanzig' });
    await c.turn({ utterance: 'ich komme um halb neun' });
    await c.turn({ utterance: 'habt ihr am wochenende offen' });
    assert.equal(transport.sent[0].queryResult.parameters.orderNumber, 10023);
    assert.equal(transport.sent[1].queryResult.parameters.time, '2026-11-22T08:30:00+01:00');
    assert.deepEqual(transport.sent[2].queryResult.parameters.day, { startDate: '2026-11-21T00:00:00+01:00', endDate: '2026-11-22T23:59:59+01:00' });
  });
});
