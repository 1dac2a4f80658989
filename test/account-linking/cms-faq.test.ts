import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { speakableText } from '../../src/catalog/shopware/cms-faq.js';
import { askIntent } from '../support/alexa-turn.js';
import { hexId } from '../support/fake-shopware.js';
import { startLinkingServer, type LinkingServer } from './linking-server.js';

const SHIPPING_PAGE = hexId('cms-page', 'versand');
const MISSING_PAGE = hexId('cms-page', 'deleted');

describe('FAQ answers from the Shopware shop\'s CMS pages (SHOPVOICE_SHOPWARE_FAQ_PAGES), schema-checked fake', () => {
  let server: LinkingServer;
  before(async () => {
    server = await startLinkingServer({
      env: { SHOPVOICE_SHOPWARE_FAQ_PAGES: `shipping_costs:${SHIPPING_PAGE}, returns:${MISSING_PAGE}` },
      cmsPages: {
        [SHIPPING_PAGE]: {
          name: { de: 'Versand und Zahlung', en: 'Shipping and payment' },
          texts: [
            { de: '<h2>Versandkosten</h2><p>Wir liefern ab 50&nbsp;&euro; versandkostenfrei.</p>', en: '<h2>Shipping costs</h2><p>Orders from 50&nbsp;&euro; ship free.</p>' },
            { de: '<p>Darunter kostet der Versand <strong>3,90 Euro</strong>.</p>', en: '<p>Below that, shipping is <strong>3.90 euros</strong>.</p>' },
          ],
        },
      },
    });
  });
  after(async () => {
    const violations = [...server.fake.violations];
    await server.close();
    assert.deepEqual(violations, []);
  });

  const ask = (topic: string, locale = 'de-DE') =>
    askIntent(server, 'ShopFaqIntent', { locale, timestamp: '2026-11-24T09:00:00Z', slots: { topic: { value: topic, id: topic } } });

  test('a topic with a page is answered with the page\'s text in the customer\'s language, headings left out', async () => {
    const de = await ask('shipping_costs');
    assert.match(de.speech, /Wir liefern ab 50 € versandkostenfrei\. Darunter kostet der Versand 3,90 Euro\./);
    assert.doesNotMatch(de.speech, /Versandkosten Wir/);
    const en = await ask('shipping_costs', 'en-US');
    assert.match(en.speech, /Orders from 50 € ship free\. Below that, shipping is 3\.90 euros\./);
    assert.equal(server.fake.calls.get('readCms'), 2, 'one read per language');
    await ask('shipping_costs');
    assert.equal(server.fake.calls.get('readCms'), 2, 'kept for a while');
  });

  test('a page the shop no longer has, and a topic without a page, get the shop file\'s answer', async () => {
    const returns = await ask('returns');
    assert.match(returns.speech, /30 Tage/);
    const delivery = await ask('delivery_time');
    assert.match(delivery.speech, /Werktage/);
  });
});

test('speakable text: tags, headings and entities', () => {
  assert.equal(speakableText('<h1>FAQ</h1><p>R&uuml;ckgabe&nbsp;in <em>30</em> Tagen &amp; kostenlos&#33;</p><ul><li>a</li><li>b</li></ul>'), 'Rückgabe in 30 Tagen & kostenlos! a b');
});
