import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readNotificationSettings } from '../../src/config.js';

test('defaults: Europe development stage, Amazon LWA, en-US only, the webhook off', () => {
  assert.deepEqual(readNotificationSettings({}), {
    eventsUrl: 'https://api.eu.amazonalexa.com/v1/proactiveEvents/stages/development',
    tokenUrl: 'https://api.amazon.com/auth/o2/token',
    shopEventsSecrets: [],
    shopId: 'default',
    sellerNames: { 'en-US': 'Lindenhof Markt' },
    locales: ['en-US'],
  });
});

test('every variable is read; secrets rotate by comma; locales widen the seller names', () => {
  assert.deepEqual(
    readNotificationSettings({
      SHOPVOICE_ALEXA_EVENTS_URL: 'https://api.eu.amazonalexa.com/v1/proactiveEvents/',
      SHOPVOICE_LWA_URL: 'http://127.0.0.1:9999/',
      SHOPVOICE_ALEXA_CLIENT_ID: 'amzn1.application-oa2-client.x',
      SHOPVOICE_ALEXA_CLIENT_SECRET: 's',
      SHOPVOICE_SHOP_EVENTS_SECRET: 'new, old',
      SHOPVOICE_SHOP_ID: 'lindenhof',
      SHOPVOICE_ALEXA_SELLER_NAME: 'Lindenhof',
      SHOPVOICE_ALEXA_EVENT_LOCALES: 'en-US,en-GB',
      SHOPVOICE_STATE_URL: 'postgres://db/shopvoice',
    }),
    {
      eventsUrl: 'https://api.eu.amazonalexa.com/v1/proactiveEvents/',
      tokenUrl: 'http://127.0.0.1:9999/auth/o2/token',
      clientId: 'amzn1.application-oa2-client.x',
      clientSecret: 's',
      shopEventsSecrets: ['new', 'old'],
      shopId: 'lindenhof',
      sellerNames: { 'en-US': 'Lindenhof', 'en-GB': 'Lindenhof' },
      locales: ['en-US', 'en-GB'],
      stateUrl: 'postgres://db/shopvoice',
    },
  );
});
