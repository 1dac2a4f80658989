/**
 * What may reach a log line. Logs are kept by whoever runs the server, often longer and less
 * guarded than the state store, so nothing personal or secret goes in (GDPR Art. 5(1)(c),
 * data minimisation; README "Privacy and security"). Two nets: keys that name secrets or
 * personal data are dropped at any depth, and strings are scrubbed of e-mail addresses, bearer
 * credentials, Login-with-Amazon tokens, JWTs and Alexa account ids wherever they appear —
 * in an error message from a shop, say.
 */

/** Keys whose values are replaced, compared without case, `-` and `_`. */
const SECRET_KEYS = new Set([
  'accesstoken', 'apiaccesstoken', 'idtoken', 'refreshtoken', 'token', 'apitoken', 'consenttoken',
  'authorization', 'proxyauthorization', 'cookie', 'setcookie', 'password', 'secret', 'apikey',
  'email', 'emailaddress', 'mail', 'address', 'postaladdress', 'street', 'postalcode', 'zip', 'phone', 'phonenumber',
  'customer', 'customername', 'userid', 'personid', 'deviceid',
  // Request bodies are never logged whole: they carry tokens, ids and whatever the customer said.
  'body', 'rawbody', 'payload', 'envelope', 'requestenvelope', 'headers',
]);

const TEXT_PATTERNS: Array<[RegExp, string]> = [
  [/[^\s@<>"'(),;:[\]]+@[^\s@<>"'(),;:[\]]+\.[a-z]{2,}/gi, '[email]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/\bAtz[ar]\|[A-Za-z0-9._~+/=|-]+/g, '[token]'],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[token]'],
  [/\bamzn1\.ask\.(account|person|device)\.[A-Za-z0-9._-]+/g, 'amzn1.ask.$1.[redacted]'],
];

export const REDACTED = '[redacted]';

const LIMITS = {
  depth: 6, // levels below the log object
  keys: 40, // per object
  items: 20, // per array
  text: 500, // characters per string
  stack: 4000, // characters of a stack trace
};

function normalKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** True when a key names a secret or personal datum (`accessToken`, `e-mail`, `Authorization`, …). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(normalKey(key));
}

/** A string with e-mail addresses, credentials, tokens and Alexa ids masked, and capped in length. */
export function scrubText(text: string, max = LIMITS.text): string {
  // Mask before cutting (an address cut in half would no longer match), on a bounded slice so
  // the patterns never scan a huge string.
  let out = text.length > max + 200 ? text.slice(0, max + 200) : text;
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out.length > max ? `${out.slice(0, max)}…[cut]` : out;
}

function scrubError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.name,
    message: scrubText(error.message),
    stack: error.stack === undefined ? undefined : scrubText(error.stack, LIMITS.stack),
  };
  for (const [key, value] of Object.entries(error)) {
    if (key in out) continue;
    out[key] = isSecretKey(key) ? REDACTED : scrubValue(value, depth + 1);
  }
  if (error.cause !== undefined) out.cause = scrubValue(error.cause, depth + 1);
  return out;
}

function scrubValue(value: unknown, depth: number, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return typeof value === 'function' ? undefined : value;
  if (depth > LIMITS.depth) return '[nested]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) return scrubError(value, depth);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) {
    const items = value.slice(0, LIMITS.items).map((item) => scrubValue(item, depth + 1, seen));
    return value.length > LIMITS.items ? [...items, `[${value.length - LIMITS.items} more]`] : items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, LIMITS.keys)) {
    out[key] = isSecretKey(key) ? REDACTED : scrubValue(item, depth + 1, seen);
  }
  return out;
}

/**
 * The log-safe copy of a log object: secret keys replaced at any depth, strings scrubbed, errors
 * turned into `{ type, message, stack, cause }`, depth, keys, items and lengths capped.
 *
 * @example scrubForLog({ err, user: { accessToken: 'Atza|…' } }) // { err: {…}, user: { accessToken: '[redacted]' } }
 */
export function scrubForLog(value: object): Record<string, unknown> {
  const scrubbed = scrubValue(value instanceof Error ? { err: value } : value, 0);
  return typeof scrubbed === 'object' && scrubbed !== null && !Array.isArray(scrubbed) ? (scrubbed as Record<string, unknown>) : {};
}

/** Shortest value treated as a secret to mask by value (shorter ones would mask ordinary words). */
const MIN_SECRET_CHARS = 8;

function pick(value: unknown, ...path: string[]): string | undefined {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * The secrets and ids one request carries, to be masked by value wherever they turn up in that
 * request's log lines (a shop's error message may quote the token it was given). Opaque tokens
 * match no pattern, so they are masked by value.
 *
 * @example requestSecrets(alexaEnvelope, req.headers.authorization) // ['Atza|…', 'amzn1.ask.account.…']
 */
export function requestSecrets(body: unknown, authorization?: string): string[] {
  const found = [
    authorization,
    // Alexa: the linked account's token, the Alexa API token, ids (context and session copies).
    pick(body, 'context', 'System', 'user', 'accessToken'),
    pick(body, 'context', 'System', 'apiAccessToken'),
    pick(body, 'context', 'System', 'user', 'userId'),
    pick(body, 'context', 'System', 'person', 'personId'),
    pick(body, 'session', 'user', 'accessToken'),
    pick(body, 'session', 'user', 'userId'),
    pick(body, 'request', 'body', 'accessToken'), // AlexaSkillEvent.SkillAccountLinked
    // Dialogflow: the linked account's token and the user id in the Actions-style payload.
    pick(body, 'originalDetectIntentRequest', 'payload', 'user', 'accessToken'),
    pick(body, 'originalDetectIntentRequest', 'payload', 'user', 'userId'),
  ];
  return [...new Set(found.filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_CHARS))];
}

function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

function maskValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return maskText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secrets));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskValue(item, secrets)]));
}

/**
 * A log object made safe (`scrubForLog`) and cleared of the given values wherever they appear.
 *
 * @example maskSecrets({ err }, ['demo-token-anna'])
 */
export function maskSecrets(value: object, secrets: readonly string[]): Record<string, unknown> {
  const safe = scrubForLog(value);
  return secrets.length === 0 ? safe : (maskValue(safe, secrets) as Record<string, unknown>);
}

/** A log message cleared of the given values and scrubbed. */
export function maskMessage(text: string, secrets: readonly string[]): string {
  return scrubText(maskText(text, secrets));
}
