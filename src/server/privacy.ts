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
  // The shop's ids of a customer and their orders (a ShopError's params, a shop client's error fields).
  'customerid', 'customernumber', 'ordernumber', 'orderid', 'ordernr',
  // Request bodies are never logged whole: they carry tokens, ids and whatever the customer said.
  'body', 'rawbody', 'payload', 'envelope', 'requestenvelope', 'headers',
  // Purchase codes (issue 17): never logged, whatever field carries them; slots may hold one.
  'purchasecode', 'codehash', 'pin', 'slots',
]);

/**
 * What is masked in every string. `needs` is what any match of `pattern` must contain, tested
 * with the same case folding (`i` where the pattern has it, never `u`): a string without it
 * cannot match and skips that replace. Keep `needs` a superset of `pattern` when editing either.
 */
const TEXT_PATTERNS: ReadonlyArray<{ pattern: RegExp; replacement: string; needs: RegExp }> = [
  { pattern: /[^\s@<>"'(),;:[\]]+@[^\s@<>"'(),;:[\]]+\.[a-z]{2,}/gi, replacement: '[email]', needs: /@/ },
  { pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, replacement: '$1 [redacted]', needs: /bearer|basic/i },
  { pattern: /\bAtz[ar]\|[A-Za-z0-9._~+/=|-]+/g, replacement: '[token]', needs: /\|/ },
  { pattern: /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, replacement: '[token]', needs: /eyJ/ },
  // A shop API path names the customer and the order: `/customers/C-1042/orders/10042/reorder`.
  { pattern: /\/(customers|orders?)\/[^/\s?#"'<>]+/gi, replacement: '/$1/[redacted]', needs: /\/(?:customers|orders?)\//i },
  // A ShopError's message carries its params as JSON: `ORDER_NOT_FOUND {"orderNumber":"10042"}`.
  { pattern: /"(customerId|customerNumber|orderNumber|orderId|number)"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/gi, replacement: '"$1":"[redacted]"', needs: /customer|order|number/i },
  // Prose from a shop: `order 10042 not found`, `customer #C-77`, `Order number: 10042`, `Bestellung 10042`.
  { pattern: /\b(customer|order|bestellung|kunde)(\s*(?:id|number|no\.?|nr\.?|nummer))?(\s*[:#=]\s*|\s+#?)(?=[\w-]*\d)[\w-]+/gi, replacement: '$1$2$3[redacted]', needs: /customer|order|bestellung|kunde/i },
  { pattern: /\bamzn1\.ask\.(account|person|device)\.[A-Za-z0-9._-]+/g, replacement: 'amzn1.ask.$1.[redacted]', needs: /amzn1\.ask\./ },
];

/**
 * True when a string may match any of the patterns: all the `needs` in one test, all without
 * case (a superset of each). Nearly every string a log line carries fails it and is left as is.
 * No `g` on it or on `needs`, so `test` keeps no state between strings.
 */
const MAY_MATCH = new RegExp(TEXT_PATTERNS.map(({ needs }) => `(?:${needs.source})`).join('|'), 'i');

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

/**
 * Answers of `isSecretKey` by key. Log keys are nearly all the same few dozen names, so a line
 * costs a lookup per key instead of a lower-casing and a replace. Bounded in count and key
 * length: keys of logged objects may come from outside (a shop's error fields, say).
 */
const secretKeyMemo = new Map<string, boolean>();
const MEMO = { keys: 500, keyChars: 64 };

/** True when a key names a secret or personal datum (`accessToken`, `e-mail`, `Authorization`, …). */
export function isSecretKey(key: string): boolean {
  let secret = secretKeyMemo.get(key);
  if (secret === undefined) {
    secret = SECRET_KEYS.has(normalKey(key));
    if (key.length <= MEMO.keyChars) {
      if (secretKeyMemo.size >= MEMO.keys) secretKeyMemo.clear();
      secretKeyMemo.set(key, secret);
    }
  }
  return secret;
}

/** A string with e-mail addresses, credentials, tokens and Alexa ids masked, and capped in length. */
export function scrubText(text: string, max = LIMITS.text): string {
  // Mask before cutting (an address cut in half would no longer match), on a bounded slice so
  // the patterns never scan a huge string.
  let out = text.length > max + 200 ? text.slice(0, max + 200) : text;
  if (MAY_MATCH.test(out)) {
    for (const { pattern, replacement, needs } of TEXT_PATTERNS) if (needs.test(out)) out = out.replace(pattern, replacement);
  }
  return out.length > max ? `${out.slice(0, max)}…[cut]` : out;
}

/** Sets an own property, `__proto__` too (assigning that one would replace the prototype instead). */
function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function scrubError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.name,
    message: scrubText(error.message),
    stack: error.stack === undefined ? undefined : scrubText(error.stack, LIMITS.stack),
  };
  for (const key of Object.keys(error)) {
    if (key in out) continue;
    out[key] = isSecretKey(key) ? REDACTED : scrubValue((error as unknown as Record<string, unknown>)[key], depth + 1);
  }
  if (error.cause !== undefined) out.cause = scrubValue(error.cause, depth + 1);
  return out;
}

/**
 * One value made log-safe. `seen` holds every object visited so far in this walk, so a shared or
 * circular object is written once (then `[circular]`) and the work stays bounded by the number of
 * objects, not by the paths to them. It is made only once an object holds another object; a
 * walk over a flat object (most log lines) needs none, and `seen === undefined` means `value` is
 * the walk's first object.
 */
function scrubValue(value: unknown, depth: number, seen?: Set<object>): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return typeof value === 'function' ? undefined : value;
  if (depth > LIMITS.depth) return '[nested]';
  if (seen !== undefined) {
    if (seen.has(value)) return '[circular]';
    seen.add(value);
  }
  if (value instanceof Error) return scrubError(value, depth);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) {
    const count = Math.min(value.length, LIMITS.items);
    const items: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) seen ??= new Set([value]);
      items.push(scrubValue(item, depth + 1, seen));
    }
    if (value.length > LIMITS.items) items.push(`[${value.length - LIMITS.items} more]`);
    return items;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  const count = Math.min(keys.length, LIMITS.keys);
  for (let i = 0; i < count; i++) {
    const key = keys[i]!;
    if (isSecretKey(key)) {
      put(out, key, REDACTED);
      continue;
    }
    const item: unknown = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null) seen ??= new Set([value]);
    put(out, key, scrubValue(item, depth + 1, seen));
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

/**
 * Masks the secrets in every string of a `scrubForLog` result, in place: that result is a fresh
 * copy made of plain objects and arrays only, so there is nothing to copy a second time.
 */
function maskInPlace(node: Record<string, unknown> | unknown[], secrets: readonly string[]): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item = node[i];
      if (typeof item === 'string') node[i] = maskText(item, secrets);
      else if (typeof item === 'object' && item !== null) maskInPlace(item as Record<string, unknown>, secrets);
    }
    return;
  }
  for (const key of Object.keys(node)) {
    const item = node[key];
    if (typeof item === 'string') put(node, key, maskText(item, secrets));
    else if (typeof item === 'object' && item !== null) maskInPlace(item as Record<string, unknown>, secrets);
  }
}

/**
 * A log object made safe (`scrubForLog`) and cleared of the given values wherever they appear.
 *
 * @example maskSecrets({ err }, ['demo-token-anna'])
 */
export function maskSecrets(value: object, secrets: readonly string[]): Record<string, unknown> {
  const safe = scrubForLog(value);
  if (secrets.length > 0) maskInPlace(safe, secrets);
  return safe;
}

/** A log message cleared of the given values and scrubbed. */
export function maskMessage(text: string, secrets: readonly string[]): string {
  return scrubText(maskText(text, secrets));
}
