// Issue 14, "Measure it": every speech key in every locale and address form, and every answer
// the domain gives in the scenarios of bench/length, checked for what a native speaker hears at
// once: leftover template parts, sentences starting in lower case, German words in English
// speech and English words in German speech, du-forms in formal German, and length.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { runAnswerScenarios, type ScenarioAnswer } from '../../bench/length/answer-scenarios.js';
import { lengthReport } from '../../bench/length/length-report.js';
import { readLocaleFiles, translatorFor, type AddressForm } from '../../src/i18n/i18n.js';
import { say } from '../../src/domain/speech.js';
import { SUPPORTED_LOCALES, type Locale } from '../../src/domain/turn.js';

const resources = readLocaleFiles();

function flatten(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]);
}

/** The keys as the code asks for them: no formal context, no plural suffix. */
const SPEECH_KEYS = [...new Set(flatten(resources.en!.translation).map((k) => k.replace(/_(one|other)$/, '')))].sort();

const FORMS: Array<{ locale: Locale; address: AddressForm }> = SUPPORTED_LOCALES.flatMap((locale) =>
  (locale.startsWith('de') ? (['du', 'sie'] as const) : (['du'] as const)).map((address) => ({ locale, address })));

/** Words that give German away in English speech, and English in German speech. */
const GERMAN = /\b(und|ist|nicht|ich|du|dich|dir|Sie|Ihnen|Uhr|geöffnet|geschlossen|Bestellung|kostet|leider|gerade|morgen|heute|für|noch|bis|wir|haben|gibt|Farbe|Größe)\b/;
const ENGLISH = /\b(the|and|is|your|order|open|closed|you|sorry|today|tomorrow|costs|size|colour|black|blue)\b/;
/** du-forms that formal German ("Sie") must never use. */
const INFORMAL = /\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|hast|kannst|möchtest|meinst|suchst|erreichst|findest|frag|verknüpfe|versuch|entschuldige)\b/i;

/** Names that legitimately cross languages (brands in the demo catalog, the shop's own name). */
const NAMES = /Lindenhof Markt( München| Berlin| Köln)?|Nike Air Max \d+|Smart Plug|Cola Zero|Air Zoom|Over-Ear|Noise Cancelling|Echo Dot/g;

function problems(text: string, locale: Locale, address: AddressForm): string[] {
  const found: string[] = [];
  if (/\{\{|\}\}|\$t\(|undefined|null|NaN|\[object/.test(text)) found.push('leftover template part');
  if (/\b[a-z]+(\.[A-Za-z_]+)+\b/.test(text.replace(/\S+@\S+/g, '')) && /\b(product|order|hours|dates|errors|grammar|reorder)\./.test(text)) found.push('bare key');
  for (const sentence of text.split(/(?<=[.!?])\s+(?=\S)/)) {
    const first = sentence.replace(/^[„“"'(]+/, '').charAt(0);
    if (/\p{Ll}/u.test(first)) found.push(`lower-case start: "${sentence}"`);
  }
  const words = text.replace(NAMES, '');
  if (locale.startsWith('en') && GERMAN.test(words)) found.push(`German in English: ${GERMAN.exec(words)![0]}`);
  if (locale.startsWith('de') && ENGLISH.test(words)) found.push(`English in German: ${ENGLISH.exec(words)![0]}`);
  if (locale.startsWith('de') && address === 'sie' && INFORMAL.test(text)) found.push(`du-form in formal German: ${INFORMAL.exec(text)![0]}`);
  return found;
}

/** Parameter values shaped like what the domain passes, so each template renders as spoken. */
function sampleParams(key: string, language: 'de' | 'en'): Record<string, string | number> {
  const de = language === 'de';
  return {
    shop: 'Lindenhof Markt', example: de ? 'Habt ihr Hafermilch?' : 'Do you have oat milk?', name: de ? 'Bio-Hafermilch' : 'Organic Oat Milk',
    names: de ? 'Hafermilch oder Sojadrink' : 'Oat Milk or Soy Drink', subject: de ? 'Die Bio-Hafermilch' : 'The Organic Oat Milk',
    price: de ? '1,49 €' : '€1.49', unitPrice: de ? '1,49 €' : '€1.49', unit: de ? 'Liter' : 'litre', count: 3,
    spoken: de ? 'raketentreibstoff' : 'rocket fuel', it: de ? 'ihn' : 'it', colours: de ? 'Schwarz' : 'black', sizes: de ? '40 bis 44' : '40 to 44',
    attribute: de ? 'Farbe' : 'colour', values: de ? 'Blau' : 'blue', from: key.startsWith('hours') ? (de ? 'montags' : 'Monday') : '40', to: key.startsWith('hours') ? (de ? 'freitags' : 'Friday') : '44',
    weekday: de ? 'Samstag' : 'Saturday', date: de ? '24. November' : '24 November', number: '10042', carrier: 'DHL', tracking: '0034',
    when: key.startsWith('hours.special') ? (de ? 'Heute' : 'Today') : (de ? 'morgen' : 'tomorrow'), whenSubject: de ? 'Morgen' : 'Tomorrow',
    numbers: de ? '10040 und 10038' : '10040 and 10038', items: de ? '2 mal Hafermilch' : '2 oat milk', shipping: de ? '4,95 €' : '€4.95', total: de ? '14,21 €' : '€14.21', vat: de ? '2,27 €' : '€2.27',
    open: de ? '8 Uhr' : '8 am', close: de ? '20 Uhr' : '8 pm', hours: de ? 'von 8 bis 20 Uhr' : 'from 8 am to 8 pm', store: 'Lindenhof Markt München',
    reason: de ? 'Heiligabend' : 'Christmas Eve', days: de ? 'montags bis freitags von 8 bis 20 Uhr' : 'Monday to Friday from 8 am to 8 pm', day: de ? 'samstags' : 'Saturday',
    topic: de ? 'Versandkosten' : 'shipping costs', topics: de ? 'Versandkosten oder Lieferzeit' : 'shipping costs or delivery time',
    phone: '+49 89 21 54 37 0', email: 'service@lindenhof-markt.de', orderNumber: '10042', orderNumbers: '10042',
    features: de ? 'Bestellbenachrichtigungen' : 'order notifications',
  };
}

/** Keys that are parts of sentences (rendered inside another text), not sentences of their own. */
const FRAGMENT = /^(units|attributes|weekdays|grammar\.accusative|dates\.(today|tomorrow|dayAfterTomorrow|yesterday|onWeekday|onDate)|product\.(priceWithUnit|range)|hours\.(interval|daySingle|daySpan)|order\.(received|in_progress|shipped|shippedNoDate|delivered|deliveredNoDate|cancelled|late|intro)|reorder\.(item|more)|faq\.cardTitle|privacy\.(feature|item))\b/;

describe('every speech key in every locale and address form', () => {
  test('the key list is the locale files\' (German formal forms fall back to the shared text)', () => {
    assert.ok(SPEECH_KEYS.length > 120, `${SPEECH_KEYS.length} keys`);
  });

  for (const { locale, address } of FORMS) {
    test(`${locale} ${address}: rendered, complete, in one language, sentences start upper case`, () => {
      const t = translatorFor(locale, address);
      const language = locale.startsWith('de') ? 'de' : 'en';
      const failures: string[] = [];
      for (const key of SPEECH_KEYS) {
        const text = say(t, key, sampleParams(key, language), 3).text;
        if (text === key || text === '') failures.push(`${key}: not rendered`);
        const found = problems(text, locale, address).filter((p) => !(FRAGMENT.test(key) && p.startsWith('lower-case')));
        for (const p of found) failures.push(`${key}: ${p} — "${text}"`);
      }
      assert.deepEqual(failures, []);
    });
  }

  test('formal German differs from informal wherever the customer is addressed', () => {
    const du = translatorFor('de-DE', 'du');
    const sie = translatorFor('de-DE', 'sie');
    const addressed = SPEECH_KEYS.filter((k) => INFORMAL.test(say(du, k, sampleParams(k, 'de'), 3).text));
    assert.ok(addressed.length >= 25, `${addressed.length} keys address the customer`);
    for (const key of addressed) assert.notEqual(say(sie, key, sampleParams(key, 'de'), 3).text, say(du, key, sampleParams(key, 'de'), 3).text, key);
  });
});

describe('every answer of the domain on the demo shop, in every locale and address form', () => {
  let answers: ScenarioAnswer[];
  before(async () => {
    answers = await runAnswerScenarios(SUPPORTED_LOCALES);
  });

  test('speech and reprompts are complete, in one language, and sentences start upper case', () => {
    const failures: string[] = [];
    for (const a of answers) {
      for (const speech of [a.reply.speech, a.reply.reprompt]) {
        if (!speech) continue;
        for (const p of problems(speech.text, a.locale, a.address)) failures.push(`${a.scenario} ${a.locale} ${a.address} ${a.turn.intent}: ${p} — "${speech.text}"`);
      }
    }
    assert.deepEqual(failures, []);
    // Every intent the domain answers is among them, in every form.
    assert.ok(new Set(answers.map((a) => a.reply.handledAs)).size >= 15);
    assert.equal(new Set(answers.map((a) => `${a.locale} ${a.address}`)).size, FORMS.length);
  });

  test('formal and informal German answers differ only in the address form', () => {
    const de = answers.filter((a) => a.locale === 'de-DE');
    const informal = de.filter((a) => a.address === 'du').map((a) => a.reply.speech?.text ?? '');
    const formal = de.filter((a) => a.address === 'sie').map((a) => a.reply.speech?.text ?? '');
    assert.equal(formal.length, informal.length);
    assert.ok(formal.some((text, i) => text !== informal[i]), 'the address form is used');
    assert.ok(informal.some((text) => /\b(du|dich|dir)\b/.test(text)));
  });

  test('no answer is longer than about forty words, unless it is a list or a read-back', () => {
    const over = lengthReport(answers).filter((r) => r.max > r.limit);
    assert.deepEqual(over.map((r) => `${r.intent} ${r.locale} ${r.address}: ${r.max} words — ${r.longest}`), []);
  });

  test('the reorder read-back names three items and counts the rest', () => {
    const readBack = answers.find((a) => a.scenario === 'reorder' && a.locale === 'de-DE' && a.turn.intent === 'ReorderIntent')!;
    assert.match(readBack.reply.speech!.text, /: (\d+ mal [^,]+, ){2}\d+ mal .+ und 1 weiterer Artikel\./);
  });
});
