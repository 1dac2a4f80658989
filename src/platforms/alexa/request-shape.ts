import type { RequestEnvelope } from 'ask-sdk-model';

/**
 * The least an Alexa request must carry for us to answer it. Anything else is bad input and gets
 * a 400, never a crash deeper down.
 */
export function isAlexaEnvelope(body: unknown): body is RequestEnvelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, any>;
  const request = b.request;
  const system = b.context?.System;
  return (
    typeof b.version === 'string' &&
    typeof request === 'object' && request !== null &&
    typeof request.type === 'string' && request.type.length <= 200 &&
    typeof request.requestId === 'string' &&
    typeof request.timestamp === 'string' &&
    typeof system === 'object' && system !== null &&
    typeof system.application?.applicationId === 'string' &&
    (system.user === undefined || typeof system.user === 'object') &&
    (b.session === undefined || (typeof b.session === 'object' && b.session !== null)) &&
    (request.intent === undefined || (typeof request.intent === 'object' && request.intent !== null && typeof request.intent.name === 'string')) &&
    (request.intent?.slots === undefined || (typeof request.intent.slots === 'object' && request.intent.slots !== null))
  );
}

/** The skill id a request names (context.System; session.application must agree when present). */
export function skillIdOf(envelope: RequestEnvelope): string | undefined {
  const fromContext = envelope.context?.System?.application?.applicationId;
  const fromSession = envelope.session?.application?.applicationId;
  if (fromSession !== undefined && fromSession !== fromContext) return undefined;
  return fromContext;
}

/** Nesting levels of objects and arrays a request may have. */
export const MAX_JSON_DEPTH = 32;

/**
 * True when `value` nests objects or arrays more than `max` levels deep. The walk goes at most
 * `max` calls deep, so no body can blow the stack.
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (max < 1) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestedDeeperThan(value[i], max - 1)) return true;
    return false;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && nestedDeeperThan((value as Record<string, unknown>)[key], max - 1)) return true;
  }
  return false;
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, test: (x: unknown) => boolean) => v === undefined || test(v);
const isString = (v: unknown) => typeof v === 'string';

function readableSlot(slot: unknown): boolean {
  if (!isObject(slot)) return false;
  return optional(slot.value, isString) && optional(slot.resolutions, (r) => isObject(r) && optional(r.resolutionsPerAuthority,
    (list) => Array.isArray(list) && list.every((a) => isObject(a) && optional(a.status, isObject) && optional(a.values,
      (values) => Array.isArray(values) && values.every((v) => isObject(v) && isObject(v.value) && isString(v.value.id) && isString(v.value.name))))));
}

/**
 * Session attributes come back as we set them (`SessionState`, or `{ s: <token> }` when sealed);
 * anything else is not our session.
 */
function readableAttributes(a: unknown): boolean {
  if (!isObject(a)) return false;
  const pending = a.pending;
  return optional(a.s, isString) && optional(a.misses, (m) => Number.isInteger(m)) &&
    optional(a.lastIntent, isString) &&
    optional(a.choices, (c) => Array.isArray(c) && c.every(isString)) &&
    optional(pending, (p) => isObject(p) && (p.kind === 'handoff' || (p.kind === 'product' && isString(p.productId)) ||
      (p.kind === 'reorder' && isString(p.orderNumber) && Number.isInteger(p.totalCents)) ||
      // After the sale (issue 17).
      p.kind === 'delete-data' || ((p.kind === 'feedback' || p.kind === 'feedback-consent') && isString(p.about) && isString(p.outcome)) ||
      // Cart and checkout (issue 17): the cart's total read back, an order waiting for the purchase code.
      (p.kind === 'checkout' && Number.isInteger(p.totalCents)) || (p.kind === 'code' && isObject(p.order)) ||
      // A real hand-off (issue 17).
      (p.kind === 'callback' && isString(p.reason) && isString(p.source)))) &&
    optional(a.recent, (r) => Array.isArray(r) && r.every(isString));
}

/**
 * The fields the adapter reads have the types Alexa sends (ask-sdk-model): a request whose
 * locale is a number or whose slot is a list is bad input (400), not a failed turn.
 */
export function hasReadableFields(body: RequestEnvelope): boolean {
  const request = body.request as unknown as Record<string, any>;
  const user = body.context.System.user as unknown;
  const session = body.session as unknown as Record<string, any> | undefined;
  const readableUser = (u: unknown) => isObject(u) && optional(u.userId, isString) && optional(u.accessToken, isString);
  return optional(request.locale, isString) &&
    optional(user, readableUser) &&
    optional(session, (s) => isObject(s) && isString(s.sessionId) && optional(s.new, (n) => typeof n === 'boolean') &&
      optional(s.user, readableUser) && optional(s.attributes, readableAttributes)) &&
    optional(request.intent, (i) => isObject(i) && optional(i.confirmationStatus, isString) &&
      optional(i.slots, (slots) => Object.values(slots as object).every(readableSlot)));
}
