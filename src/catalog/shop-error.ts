/**
 * The catalogue of expected failures: the shop contract's vocabulary (a shop answers 422 with one
 * of these codes), so it lives next to the catalog port and the domain imports it from here. Each code has a speech key `errors.<code>` in every
 * locale (a consistency test walks them), so a failure is always answered, never silent.
 */
export const ERROR_CODES = {
  ORDER_NOT_FOUND: 'The named order does not exist for this customer.',
  NO_ORDERS: 'The customer has no orders yet.',
  ACCOUNT_UNKNOWN: 'The access token does not belong to any customer.',
  STORE_NOT_FOUND: 'The named store does not exist.',
  FAQ_UNKNOWN: 'No answer is stored for that topic.',
  REORDER_NOTHING_AVAILABLE: 'None of the last order\'s items can be ordered again.',
  SHOP_UNAVAILABLE: 'The shop\'s catalog did not answer in time or is down.',
  REORDER_OUTCOME_UNKNOWN: 'A confirmed reorder was sent, but the shop did not answer: whether it was placed is asked again next time.',
  PAYMENT_NEEDS_BROWSER: 'The customer\'s default payment method (PayPal, card, …) needs a browser: nothing was put in the cart, the customer is told to order in the shop.',
  CART_UNSUPPORTED: 'The connected shop offers no cart to a voice assistant (cart and checkout by voice are not available).',
  CART_EMPTY: 'The customer\'s cart has nothing that can be ordered.',
  CART_CHANGED: 'The cart\'s total moved between the read-back and the placement: nothing was placed.',
  PRODUCT_UNAVAILABLE: 'The product asked for cannot be added to the cart (sold out, or not that many in stock).',
  INTERNAL: 'Anything unexpected; logged with a request id.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure with a code and the values its speech needs. */
export class ShopError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`, options);
    this.name = 'ShopError';
  }
}
