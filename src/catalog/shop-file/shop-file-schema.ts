/**
 * The JSON Schema of `shop.yaml`, the merchant's description of their shop (README, "Your own
 * shop"). ajv checks the shape; `parse-shop-file.ts` adds what a schema cannot say (hours in
 * order, the default store exists, real time zones) and the line of every problem.
 */

const localizedText = {
  type: 'object',
  properties: { de: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
  required: ['de', 'en'],
  additionalProperties: false,
} as const;

const localizedList = {
  type: 'object',
  properties: {
    de: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    en: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  },
  required: ['de', 'en'],
  additionalProperties: false,
} as const;

/** "08:00-20:00", "08:00-12:30, 14:00-18:00" or "closed" / "geschlossen". */
const hoursText = { type: 'string', minLength: 1 } as const;

const ID = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$' } as const;

export const SHOP_FILE_SCHEMA = {
  type: 'object',
  properties: {
    name: localizedText,
    phone: { type: 'string', minLength: 3 },
    email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' },
    timeZone: { type: 'string' },
    vatPercent: { type: 'number', minimum: 0, maximum: 30 },
    shipping: {
      type: 'object',
      properties: {
        cost: { type: 'number', minimum: 0, maximum: 100 },
        freeFrom: { type: 'number', minimum: 0 },
      },
      required: ['cost'],
      additionalProperties: false,
    },
    addressForm: { enum: ['du', 'sie'] },
    defaultStore: ID,
    stores: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          id: ID,
          name: localizedText,
          aliases: { type: 'array', items: { type: 'string', minLength: 1 } },
          address: { type: 'string', minLength: 1 },
          city: { type: 'string', minLength: 1 },
          state: { type: 'string', pattern: '^DE-(BW|BY|BE|BB|HB|HH|HE|MV|NI|NW|RP|SL|SN|ST|SH|TH)$' },
          hours: {
            type: 'object',
            propertyNames: { pattern: '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$' },
            additionalProperties: hoursText,
          },
          exceptions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
                hours: hoursText,
                reason: localizedText,
              },
              required: ['date', 'hours', 'reason'],
              additionalProperties: false,
            },
          },
        },
        required: ['id', 'name', 'city', 'state', 'hours'],
        additionalProperties: false,
      },
    },
    faq: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: ID, names: localizedList, answer: localizedText },
        required: ['id', 'names', 'answer'],
        additionalProperties: false,
      },
    },
  },
  required: ['name', 'phone', 'email', 'timeZone', 'stores'],
  additionalProperties: false,
} as const;
