// JSON Schema of a Proactive Events API request carrying AMAZON.OrderStatus.Updated, written from
// Amazon's "Proactive Events Schemas" (AMAZON.OrderStatus.Updated) and "Proactive Events REST API
// Reference" (request body: timestamp, referenceId, expiryTime, event, localizedAttributes,
// relevantAudience). Stricter than Amazon where Amazon is vague: no unknown fields anywhere.

/** ISO 8601 UTC instant as `Date.toISOString()` and Amazon's examples write it. */
const INSTANT = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$';

export const ORDER_STATUS_REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['timestamp', 'referenceId', 'expiryTime', 'event', 'localizedAttributes', 'relevantAudience'],
  properties: {
    timestamp: { type: 'string', pattern: INSTANT },
    referenceId: { type: 'string', pattern: '^[A-Za-z0-9~]{1,100}$' },
    expiryTime: { type: 'string', pattern: INSTANT },
    event: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'payload'],
      properties: {
        name: { const: 'AMAZON.OrderStatus.Updated' },
        payload: {
          type: 'object',
          additionalProperties: false,
          required: ['state', 'order'],
          properties: {
            state: {
              type: 'object',
              additionalProperties: false,
              required: ['status'],
              properties: {
                status: { enum: ['PREORDER_RECEIVED', 'ORDER_RECEIVED', 'ORDER_PREPARING', 'ORDER_SHIPPED', 'ORDER_OUT_FOR_DELIVERY', 'ORDER_DELIVERED'] },
                enterTimestamp: { type: 'string', pattern: INSTANT },
                deliveryDetails: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['expectedArrival'],
                  properties: { expectedArrival: { type: 'string', pattern: INSTANT } },
                },
              },
              // "Your order from X has been shipped and will arrive by <date>": shipped carries the date.
              if: { properties: { status: { const: 'ORDER_SHIPPED' } } },
              then: { required: ['status', 'deliveryDetails'] },
            },
            order: {
              type: 'object',
              additionalProperties: false,
              required: ['seller'],
              properties: {
                seller: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['name'],
                  properties: { name: { const: 'localizedattribute:sellerName' } },
                },
              },
            },
          },
        },
      },
    },
    localizedAttributes: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['locale', 'sellerName'],
        properties: {
          locale: { type: 'string', pattern: '^[a-z]{2}-[A-Z]{2}$' },
          sellerName: { type: 'string', minLength: 1, maxLength: 100 },
        },
      },
    },
    relevantAudience: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'payload'],
      properties: {
        type: { const: 'Unicast' },
        payload: {
          type: 'object',
          additionalProperties: false,
          required: ['user'],
          properties: { user: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
} as const;
