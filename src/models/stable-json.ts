import { createHash } from 'node:crypto';

/** Two-space JSON with a trailing newline: the one format of every generated file. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * A UUID-shaped id derived from a name (SHA-1, version and variant bits set as in RFC 4122 v5),
 * so Dialogflow ids stay the same from one build to the next.
 *
 * @example stableUuid('intent:StoreHoursIntent') // always the same 8-4-4-4-12 id
 */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
