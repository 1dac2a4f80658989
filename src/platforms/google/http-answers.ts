/**
 * The webhook's HTTP answers other than a `WebhookResponse`, shared by the express route and the
 * Lambda handler. Bodies are short and generic: they never echo a parser's or a check's message.
 */
export interface HttpAnswer {
  status: number;
  body: object;
}

/** Dialogflow sends at most this much, and a reply must stay below it too (platform-rules.md). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Same as {@link MAX_BODY_BYTES}, in the form `express.json({ limit })` takes. */
export const BODY_LIMIT = '64kb';

export const HTTP_ANSWERS = {
  unauthorized: { status: 401, body: { error: 'unauthorized' } },
  malformedJson: { status: 400, body: { error: 'malformed JSON' } },
  notWebhookRequest: { status: 400, body: { error: 'not a Dialogflow ES WebhookRequest' } },
  methodNotAllowed: { status: 405, body: { error: 'method not allowed' } },
  tooLarge: { status: 413, body: { error: 'body too large' } },
  notJson: { status: 415, body: { error: 'expected application/json' } },
  internal: { status: 500, body: { error: 'internal error' } },
} as const satisfies Record<string, HttpAnswer>;

/** `WWW-Authenticate` for 401 answers (RFC 7617). */
export const BASIC_CHALLENGE = 'Basic realm="shopvoice", charset="UTF-8"';
