// Deterministic mutation of platform requests: a seeded PRNG, a list of hostile values, and
// mutations on the parsed request (set, delete, retype a field) and on the bytes (truncate,
// flip, nest, oversize, wrong content type). Same seed, same requests.
import { seededRandom } from '../support/seeded-random.js';

/** The seeded PRNG the benchmarks use too: the same seed gives the same mutations. */
export const prng = seededRandom;

export type Rand = () => number;

export function pickOne<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { n: value };
  return value;
}

/** Slot text a customer (or an attacker) might get through: the list and then some. */
export const HOSTILE_STRINGS: readonly string[] = [
  'a'.repeat(10_000),
  'Hafermilch '.repeat(900),
  '\u0000\u0001\u0007\u001b[31m\r\n\t\u007f\u0085',
  '🥛🛒👩‍👩‍👧‍👦🇩🇪 Hafer🥛milch',
  '</speak><audio src="https://evil.example/x.mp3"/><speak>',
  '<break time="100s"/><prosody volume="x-loud">LOUD</prosody>',
  '"><script>alert(1)</script>',
  '&amp; &lt; &#x3C; ]]> <!-- --> <![CDATA[ x ]]>',
  '<!DOCTYPE x [<!ENTITY a "b">]>&a;',
  '\u202eevil\u202c \u200b\u200d\ufeff',
  '\ud800 lone surrogate \udfff',
  "O'Reilly & Söhne \"Bio\" <Hafer>",
  '__proto__', 'constructor', 'toString', 'hasOwnProperty',
  '', ' ', '1e309', '-0', 'NaN', '99999999999999999999999',
  'amzn1.ask.account.INJECTED', 'projects/x/agent/sessions/../../../etc/passwd',
  '%s%n%x', '${process.exit(1)}', '{{constructor.constructor("return process")()}}',
];

/** Any JSON value that does not belong where it is put. */
export function hostileValue(rand: Rand): unknown {
  const r = rand();
  if (r < 0.55) return pickOne(rand, HOSTILE_STRINGS);
  return pickOne(rand, [
    null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER,
    [], {}, [null], ['a', 1, {}], { __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"polluted":true}}'),
    nested(20), nested(40), Array.from({ length: 500 }, (_, i) => i), { value: { value: { value: 'x' } } },
  ]);
}

type Json = Record<string, unknown> | unknown[];

/** Every path to a value in `root` (objects and arrays), at most `max` of them. */
function paths(root: unknown, max = 400): string[][] {
  const out: string[][] = [];
  const walk = (node: unknown, path: string[]) => {
    if (out.length >= max || typeof node !== 'object' || node === null) return;
    for (const key of Object.keys(node)) {
      out.push([...path, key]);
      walk((node as Record<string, unknown>)[key], [...path, key]);
    }
  };
  walk(root, []);
  return out;
}

function parentOf(root: Json, path: string[]): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
}

/** Paths that matter most: slot values, intent and request types, locales, ids, attributes. */
const FOCUS = /^(value|name|type|locale|languageCode|displayName|accessToken|userId|sessionId|session|attributes|parameters|queryText|timestamp|applicationId|confirmationStatus|pending|key|orderNumber|id)$/;

/** Applies one to three structural mutations to a deep copy of `request`. */
export function mutateJson(rand: Rand, request: Json): Json {
  const copy = JSON.parse(JSON.stringify(request)) as Json;
  const rounds = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < rounds; i++) {
    const all = paths(copy);
    if (all.length === 0) break;
    const focused = all.filter((p) => FOCUS.test(p[p.length - 1]!));
    const path = rand() < 0.7 && focused.length > 0 ? pickOne(rand, focused) : pickOne(rand, all);
    const parent = parentOf(copy, path);
    if (!parent) continue;
    const key = path[path.length - 1]!;
    const r = rand();
    if (r < 0.15) delete parent[key];
    else if (r < 0.25) parent[`${key}${Math.floor(rand() * 10)}`] = hostileValue(rand);
    else Object.defineProperty(parent, key, { value: hostileValue(rand), enumerable: true, configurable: true, writable: true });
  }
  return copy;
}

/** A request at the byte level: body, content type. */
export interface RawRequest {
  body: string | Buffer;
  contentType: string;
}

/** Mutations JSON.stringify cannot produce: broken syntax, odd bytes, huge or deep bodies. */
export function mutateBytes(rand: Rand, json: string): RawRequest {
  const r = rand();
  const type = 'application/json; charset=utf-8';
  if (r < 0.15) return { body: json.slice(0, Math.floor(rand() * json.length)), contentType: type };
  if (r < 0.25) {
    const bytes = Buffer.from(json);
    for (let i = 0; i < 1 + rand() * 8; i++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
    return { body: bytes, contentType: type };
  }
  if (r < 0.35) return { body: '['.repeat(20_000) + ']'.repeat(20_000), contentType: type };
  if (r < 0.42) return { body: '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000), contentType: type };
  if (r < 0.5) return { body: json.replace(/}$/, `,"padding":"${'x'.repeat(300_000)}"}`), contentType: type };
  if (r < 0.58) return { body: json, contentType: pickOne(rand, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/jsonx', 'application/xml']) };
  if (r < 0.64) return { body: '\ufeff' + json, contentType: type };
  if (r < 0.7) return { body: pickOne(rand, ['', 'null', '[]', '"string"', '42', 'true', '{}', '{"version":"1.0"}']), contentType: type };
  if (r < 0.76) return { body: json.replace('{', '{"request":{"type":"X"},'), contentType: type }; // duplicate key
  if (r < 0.82) return { body: Buffer.concat([Buffer.from(json.slice(0, 20)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(json.slice(20))]), contentType: type };
  return { body: json, contentType: 'application/json; charset=latin1' };
}
