import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { buildOrderStatusEvent, ORDER_STATUSES, orderStatusLocaleAccepted, orderStatusReferenceId } from '../../src/notifications/order-status-event.js';
import { ORDER_STATUS_REQUEST_SCHEMA } from './order-status-schema.js';

const validate = new Ajv({ allErrors: true }).compile(ORDER_STATUS_REQUEST_SCHEMA);
const NOW = new Date('2026-11-23T08:15:00Z');
const ARRIVAL = new Date('2026-11-24T16:00:00Z');
const options = { sellerNames: { 'en-US': 'Lindenhof Markt' }, now: NOW };

test('every status builds an event that meets the schema, with the seller as a localized attribute', () => {
  for (const status of ORDER_STATUSES) {
    const event = buildOrderStatusEvent({ shopId: 'lindenhof', orderNumber: '10042', status, expectedArrival: ARRIVAL }, 'amzn1.ask.account.ANNA', options);
    assert.ok(validate(event), `${status}: ${JSON.stringify(validate.errors)}`);
  }
  const shipped = buildOrderStatusEvent({ shopId: 'lindenhof', orderNumber: '10042', status: 'ORDER_SHIPPED', expectedArrival: ARRIVAL }, 'amzn1.ask.account.ANNA', options);
  assert.deepEqual(shipped, {
    timestamp: '2026-11-23T08:15:00.000Z',
    referenceId: shipped.referenceId,
    expiryTime: '2026-11-24T07:15:00.000Z',
    event: {
      name: 'AMAZON.OrderStatus.Updated',
      payload: {
        state: { status: 'ORDER_SHIPPED', deliveryDetails: { expectedArrival: '2026-11-24T16:00:00.000Z' } },
        order: { seller: { name: 'localizedattribute:sellerName' } },
      },
    },
    localizedAttributes: [{ locale: 'en-US', sellerName: 'Lindenhof Markt' }],
    relevantAudience: { type: 'Unicast', payload: { user: 'amzn1.ask.account.ANNA' } },
  });
});

test('the schema is not a rubber stamp: it refuses what Amazon would', () => {
  const good = buildOrderStatusEvent({ shopId: 's', orderNumber: '1', status: 'ORDER_SHIPPED', expectedArrival: ARRIVAL }, 'u', options);
  const broken = [
    { ...good, referenceId: 'has spaces and-dashes' },
    { ...good, relevantAudience: { type: 'Multicast', payload: {} } },
    { ...good, localizedAttributes: [] },
    { ...good, event: { ...good.event, payload: { ...good.event.payload, state: { status: 'ORDER_SHIPPED' } } } },
    { ...good, event: { ...good.event, payload: { ...good.event.payload, state: { status: 'ORDER_LOST' } } } },
    { ...good, event: { ...good.event, payload: { ...good.event.payload, order: { seller: { name: 'Lindenhof Markt' } } } } },
  ];
  for (const event of broken) assert.equal(validate(event), false, JSON.stringify(event).slice(0, 120));
});

test('one reference id per status change: deterministic, distinct per shop, order and status, and in Amazon\'s alphabet', () => {
  const id = orderStatusReferenceId({ shopId: 'lindenhof', orderNumber: '10042', status: 'ORDER_SHIPPED' });
  assert.match(id, /^[A-Za-z0-9~]{1,100}$/);
  assert.equal(orderStatusReferenceId({ shopId: 'lindenhof', orderNumber: '10042', status: 'ORDER_SHIPPED' }), id);
  const others = [
    { shopId: 'other', orderNumber: '10042', status: 'ORDER_SHIPPED' as const },
    { shopId: 'lindenhof', orderNumber: '10043', status: 'ORDER_SHIPPED' as const },
    { shopId: 'lindenhof', orderNumber: '10042', status: 'ORDER_DELIVERED' as const },
    // The separator keeps "a"+"bc" and "ab"+"c" apart.
    { shopId: 'lindenhof1', orderNumber: '0042', status: 'ORDER_SHIPPED' as const },
  ];
  for (const other of others) assert.notEqual(orderStatusReferenceId(other), id, JSON.stringify(other));
});

test('a shipped order needs its arrival date; unknown statuses are refused', () => {
  assert.throws(() => buildOrderStatusEvent({ shopId: 's', orderNumber: '1', status: 'ORDER_SHIPPED' }, 'u', options), /expected arrival/);
  assert.throws(() => buildOrderStatusEvent({ shopId: 's', orderNumber: '1', status: 'LOST' as never }, 'u', options), /unknown order status/);
});

test('locales: only en-US is sent unless configured; unknown counts as en-US, de-DE and en-GB are not accepted', () => {
  assert.equal(orderStatusLocaleAccepted('en-US'), true);
  assert.equal(orderStatusLocaleAccepted(undefined), true);
  assert.equal(orderStatusLocaleAccepted('de-DE'), false);
  assert.equal(orderStatusLocaleAccepted('en-GB'), false);
  assert.equal(orderStatusLocaleAccepted('en-GB', ['en-US', 'en-GB']), true);
  const both = buildOrderStatusEvent({ shopId: 's', orderNumber: '1', status: 'ORDER_RECEIVED' }, 'u', {
    ...options,
    sellerNames: { 'en-US': 'Lindenhof Market', 'en-GB': 'Lindenhof Market UK' },
    locales: ['en-US', 'en-GB'],
  });
  assert.deepEqual(both.localizedAttributes, [{ locale: 'en-US', sellerName: 'Lindenhof Market' }, { locale: 'en-GB', sellerName: 'Lindenhof Market UK' }]);
});
