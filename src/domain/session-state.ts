import type { ConfirmedOrder, PendingQuestion, SessionState } from './turn.js';

/**
 * Caps of every field. The whole state stays far below Alexa's 24 KiB response limit (speech
 * and reprompt may take up to 8000 characters each, platform-rules.md) and below the 8 KiB the
 * Dialogflow adapter accepts back; `test/domain/session-state.test.ts` fills every field to its
 * cap and measures it.
 */
export const SESSION_CAPS = {
  misses: 10,
  /** Product ids, order numbers, store ids, idempotency keys. */
  idChars: 64,
  listItems: 5,
  intentChars: 64,
  saidChars: 2000,
  repromptChars: 600,
  /** The redacted last turns kept for a callback request (issue 17). */
  recentTurns: 3,
  recentChars: 120,
} as const;

type Raw = Record<string, unknown>;

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function id(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= SESSION_CAPS.idChars && /^[\w.:~-]+$/.test(value) ? value : undefined;
}

function ids(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value.slice(0, SESSION_CAPS.listItems).map(id);
  return out.length > 0 && out.every((v) => v !== undefined) ? (out as string[]) : undefined;
}

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

function pendingQuestion(value: unknown): PendingQuestion | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'handoff') return { kind: 'handoff' };
  // After the sale (issue 17).
  if (value.kind === 'delete-data') return { kind: 'delete-data' };
  if (value.kind === 'feedback' || value.kind === 'feedback-consent') {
    const about = typeof value.about === 'string' && /^[\w.]{1,64}$/.test(value.about) ? value.about : undefined;
    const outcome = typeof value.outcome === 'string' && /^[a-z]{1,16}$/.test(value.outcome) ? value.outcome : undefined;
    return about && outcome ? { kind: value.kind, about, outcome } : undefined;
  }
  if (value.kind === 'callback') {
    const reason = text(value.reason, SESSION_CAPS.recentChars);
    const source = value.source === 'account' || value.source === 'profile' ? value.source : undefined;
    return reason && source ? { kind: 'callback', reason, source } : undefined;
  }
  if (value.kind === 'product') {
    const productId = id(value.productId);
    return productId ? { kind: 'product', productId } : undefined;
  }
  if (value.kind === 'reorder' || value.kind === 'checkout') return confirmedOrder(value);
  if (value.kind === 'code') {
    const order = confirmedOrder(value.order);
    return order ? { kind: 'code', order } : undefined;
  }
  return undefined;
}

/** A reorder or a cart as read back (issue 17 adds the cart). */
function confirmedOrder(value: unknown): ConfirmedOrder | undefined {
  if (!isRecord(value)) return undefined;
  const totalCents = value.totalCents;
  if (!Number.isSafeInteger(totalCents) || (totalCents as number) < 0) return undefined;
  if (value.kind === 'checkout') return { kind: 'checkout', totalCents: totalCents as number };
  const orderNumber = id(value.orderNumber);
  if (value.kind === 'reorder' && orderNumber) return { kind: 'reorder', orderNumber, totalCents: totalCents as number };
  return undefined;
}

/**
 * The session state from what a platform brought back (Alexa session attributes, the JSON of
 * Dialogflow's `shopvoice_session` context). It comes from the client, so every field is
 * checked and capped; a wrong field is dropped, foreign keys are never kept.
 *
 * @example readSessionState({ misses: 1, product: 'P-4030', evil: 'x' }) // { misses: 1, product: 'P-4030' }
 */
export function readSessionState(raw: unknown): SessionState {
  if (!isRecord(raw)) return {};
  const state: SessionState = {};
  const misses = raw.misses;
  if (Number.isInteger(misses) && (misses as number) >= 0) state.misses = Math.min(misses as number, SESSION_CAPS.misses);
  const pending = pendingQuestion(raw.pending);
  if (pending) state.pending = pending;
  const choices = ids(raw.choices);
  if (choices) state.choices = choices;
  const orders = ids(raw.orders);
  if (orders) state.orders = orders;
  if (typeof raw.lastIntent === 'string' && /^[\w.]{1,64}$/.test(raw.lastIntent)) state.lastIntent = raw.lastIntent;
  const products = ids(raw.products);
  if (products) state.products = products;
  const product = id(raw.product);
  if (product) state.product = product;
  const store = id(raw.store);
  if (store) state.store = store;
  if (typeof raw.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw.day)) state.day = raw.day;
  const order = id(raw.order);
  if (order) state.order = order;
  if (isRecord(raw.said)) {
    const ssml = text(raw.said.ssml, SESSION_CAPS.saidChars);
    const reprompt = text(raw.said.reprompt, SESSION_CAPS.repromptChars);
    if (ssml) state.said = reprompt ? { ssml, reprompt } : { ssml };
  }
  if (Array.isArray(raw.recent)) {
    const recent = raw.recent.slice(-SESSION_CAPS.recentTurns).map((entry) => text(entry, SESSION_CAPS.recentChars));
    if (recent.length > 0 && recent.every((entry) => entry !== undefined)) state.recent = recent as string[];
  }
  return state;
}

/**
 * The state as it goes back to the platform: the same checks as reading (so what is written
 * can always be read), absent fields left out. One plain JSON-able object.
 */
export function writeSessionState(state: SessionState): Record<string, unknown> {
  return { ...readSessionState(state) };
}
