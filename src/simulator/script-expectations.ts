import type { TurnResult } from './turn-result.js';

/**
 * What a step expects of its turn (simulator.md 13). Text is compared one of three explicit ways
 * — `exact`, `contains`, `regex` — never guessed from a bare string, and always against the
 * plain text (SSML removed). `notContains` guards against words that must not be said.
 */
export type TextExpectation =
  | { exact: string }
  | { contains: string[] }
  | { regex: RegExp }
  | { notContains: string[] }
  | { empty: true };

export interface SlotExpectation {
  value?: string | null;
  id?: string | null;
  empty?: boolean;
}

export interface Expectation {
  intent?: string;
  slots?: Record<string, SlotExpectation>;
  confirmationStatus?: string;
  speech?: TextExpectation[];
  reprompt?: TextExpectation[];
  /** `false`: no card; otherwise its type, title and text. */
  card?: false | { type?: string; title?: TextExpectation[]; text?: TextExpectation[] };
  /** The directive types, in order (`[]`: none). */
  directives?: string[];
  endSession?: boolean;
  newSession?: boolean;
  /** Session attributes / Google session state must contain these values. */
  state?: Record<string, unknown>;
  /** An intent that must be among the runner-ups. */
  runnerUp?: string;
}

/** A mistake in a script, named by file and step. */
export class ScriptError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const EXPECT_KEYS = ['intent', 'slots', 'confirmationStatus', 'speech', 'reprompt', 'card', 'directives', 'endSession', 'newSession', 'state', 'runnerUp'];
const TEXT_KEYS = ['exact', 'contains', 'regex', 'notContains', 'empty'];

function textExpectations(raw: unknown, where: string): TextExpectation[] {
  const items = Array.isArray(raw) ? raw : [raw];
  return items.map((item): TextExpectation => {
    if (!isObj(item)) throw new ScriptError(`${where}: say how to compare: { exact: "…" }, { contains: "…" } or { regex: "…" }`);
    const keys = Object.keys(item);
    if (keys.length !== 1 || !TEXT_KEYS.includes(keys[0]!)) throw new ScriptError(`${where}: one of exact, contains, regex, notContains, empty per entry (use a list for several)`);
    const value = item[keys[0]!];
    if (keys[0] === 'empty') return { empty: true };
    if (keys[0] === 'regex') {
      if (typeof value !== 'string') throw new ScriptError(`${where}: regex must be text`);
      return { regex: new RegExp(value, 'u') };
    }
    if (keys[0] === 'exact') {
      if (typeof value !== 'string') throw new ScriptError(`${where}: exact must be one text`);
      return { exact: value };
    }
    const texts = Array.isArray(value) ? value.map(String) : [String(value)];
    return keys[0] === 'contains' ? { contains: texts } : { notContains: texts };
  });
}

function slotExpectations(raw: unknown, where: string): Record<string, SlotExpectation> {
  if (!isObj(raw)) throw new ScriptError(`${where}: slots must be a map of slot name to { value, id }`);
  const out: Record<string, SlotExpectation> = {};
  for (const [name, v] of Object.entries(raw)) {
    if (v === null || (isObj(v) && Object.keys(v).length === 0)) out[name] = { empty: true };
    else if (typeof v === 'string' || typeof v === 'number') out[name] = { value: String(v) };
    else if (isObj(v)) {
      const extra = Object.keys(v).filter((k) => !['value', 'id'].includes(k));
      if (extra.length > 0) throw new ScriptError(`${where}.${name}: only value and id are checked`);
      out[name] = {
        ...(v.value !== undefined ? { value: v.value === null ? null : String(v.value) } : {}),
        ...(v.id !== undefined ? { id: v.id === null ? null : String(v.id) } : {}),
      };
    } else throw new ScriptError(`${where}.${name}: a value, { value, id } or null (empty)`);
  }
  return out;
}

/** Reads a step's `expect` map (or its `alexa` / `google` part). */
export function readExpectation(raw: unknown, where: string): Expectation {
  if (!isObj(raw)) throw new ScriptError(`${where}: must be a map`);
  const extra = Object.keys(raw).filter((k) => !EXPECT_KEYS.includes(k));
  if (extra.length > 0) throw new ScriptError(`${where}: unknown key${extra.length > 1 ? 's' : ''} ${extra.join(', ')} (allowed: ${EXPECT_KEYS.join(', ')}, alexa, google)`);
  const e: Expectation = {};
  if (raw.intent !== undefined) e.intent = String(raw.intent);
  if (raw.slots !== undefined) e.slots = slotExpectations(raw.slots, `${where}.slots`);
  if (raw.confirmationStatus !== undefined) e.confirmationStatus = String(raw.confirmationStatus);
  if (raw.speech !== undefined) e.speech = textExpectations(raw.speech, `${where}.speech`);
  if (raw.reprompt !== undefined) e.reprompt = textExpectations(raw.reprompt, `${where}.reprompt`);
  if (raw.card === false || raw.card === null) e.card = false;
  else if (raw.card !== undefined) {
    if (!isObj(raw.card)) throw new ScriptError(`${where}.card: false, or { type, title, text }`);
    e.card = {
      ...(raw.card.type !== undefined ? { type: String(raw.card.type) } : {}),
      ...(raw.card.title !== undefined ? { title: textExpectations(raw.card.title, `${where}.card.title`) } : {}),
      ...(raw.card.text !== undefined ? { text: textExpectations(raw.card.text, `${where}.card.text`) } : {}),
    };
  }
  if (raw.directives !== undefined) {
    if (!Array.isArray(raw.directives)) throw new ScriptError(`${where}.directives: a list of directive types ([] for none)`);
    e.directives = raw.directives.map(String);
  }
  if (raw.endSession !== undefined) e.endSession = Boolean(raw.endSession);
  if (raw.newSession !== undefined) e.newSession = Boolean(raw.newSession);
  if (raw.state !== undefined) {
    if (!isObj(raw.state)) throw new ScriptError(`${where}.state: a map of attribute to value`);
    e.state = raw.state;
  }
  if (raw.runnerUp !== undefined) e.runnerUp = String(raw.runnerUp);
  return e;
}

/** Merges platform-specific expectations over the common ones (slots merge per slot). */
export function mergeExpectations(base: Expectation, over: Expectation | undefined): Expectation {
  if (!over) return base;
  return { ...base, ...over, ...(base.slots || over.slots ? { slots: { ...base.slots, ...over.slots } } : {}) };
}

const show = (s: string): string => JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}…` : s);

function checkText(label: string, actual: string, expected: TextExpectation[] | undefined, out: string[]): void {
  for (const e of expected ?? []) {
    if ('exact' in e && actual !== e.exact) out.push(`${label}: expected exactly ${show(e.exact)}, got ${show(actual)}`);
    if ('contains' in e) for (const c of e.contains) if (!actual.includes(c)) out.push(`${label}: expected to contain ${show(c)}, got ${show(actual)}`);
    if ('notContains' in e) for (const c of e.notContains) if (actual.includes(c)) out.push(`${label}: must not contain ${show(c)}, got ${show(actual)}`);
    if ('regex' in e && !e.regex.test(actual)) out.push(`${label}: expected to match /${e.regex.source}/, got ${show(actual)}`);
    if ('empty' in e && actual !== '') out.push(`${label}: expected nothing, got ${show(actual)}`);
  }
}

function subset(expected: unknown, actual: unknown): boolean {
  if (isObj(expected)) return isObj(actual) && Object.entries(expected).every(([k, v]) => subset(v, actual[k]));
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((v, i) => subset(v, actual[i]));
  return expected === actual || (expected === null && actual === undefined);
}

/**
 * Checks a turn against an expectation; returns what did not hold (empty: all good).
 *
 * @example checkTurn(result, { intent: 'StoreHoursIntent', endSession: false }) // []
 */
export function checkTurn(result: TurnResult, e: Expectation): string[] {
  const out: string[] = [];
  if (e.intent !== undefined && result.intent !== e.intent) {
    const ups = result.runnerUps.map((r) => r.intent).join(', ');
    out.push(`intent: expected ${e.intent}, got ${result.intent}${ups ? ` (runner-ups: ${ups})` : ''}`);
  }
  for (const [name, s] of Object.entries(e.slots ?? {})) {
    const actual = result.slots[name];
    if (!actual) {
      out.push(`slot ${name}: not in the request`);
      continue;
    }
    if (s.empty && actual.value !== undefined) out.push(`slot ${name}: expected empty, got ${show(actual.value)}`);
    if (s.value !== undefined && (actual.value ?? null) !== s.value) out.push(`slot ${name}: expected value ${JSON.stringify(s.value)}, got ${JSON.stringify(actual.value ?? null)}`);
    if (s.id !== undefined && (actual.id ?? null) !== s.id) out.push(`slot ${name}: expected id ${JSON.stringify(s.id)}, got ${JSON.stringify(actual.id ?? null)}`);
  }
  if (e.confirmationStatus !== undefined && result.confirmationStatus !== e.confirmationStatus) {
    out.push(`confirmationStatus: expected ${e.confirmationStatus}, got ${result.confirmationStatus}`);
  }
  checkText('speech', result.speech, e.speech, out);
  checkText('reprompt', result.reprompt, e.reprompt, out);
  if (e.card === false && result.card) out.push(`card: expected none, got ${JSON.stringify(result.card)}`);
  if (e.card) {
    if (!result.card) out.push('card: expected one, got none');
    else {
      if (e.card.type !== undefined && result.card.type !== e.card.type) out.push(`card type: expected ${e.card.type}, got ${result.card.type}`);
      checkText('card title', result.card.title ?? '', e.card.title, out);
      checkText('card text', result.card.text ?? '', e.card.text, out);
    }
  }
  if (e.directives !== undefined) {
    const types = result.directives.map((d) => d.type);
    if (types.join(',') !== e.directives.join(',')) out.push(`directives: expected [${e.directives.join(', ')}], got [${types.join(', ')}]`);
  }
  if (e.endSession !== undefined && result.endSession !== e.endSession) out.push(`endSession: expected ${e.endSession}, got ${result.endSession}`);
  if (e.newSession !== undefined && result.newSession !== e.newSession) out.push(`newSession: expected ${e.newSession}, got ${result.newSession}`);
  // A server that seals its session state (SHOPVOICE_STATE_KEYS) shows the client only a token:
  // what it holds cannot be checked from outside, so a `state:` expectation passes unread there.
  if (e.state && !isSealed(result.state) && !subset(e.state, result.state)) out.push(`state: expected to include ${JSON.stringify(e.state)}, got ${JSON.stringify(result.state)}`);
  if (e.runnerUp !== undefined && !result.runnerUps.some((r) => r.intent === e.runnerUp)) {
    out.push(`runner-ups: expected ${e.runnerUp} among [${result.runnerUps.map((r) => r.intent).join(', ')}]`);
  }
  return out;
}

/** Session state as a sealing server sends it: one opaque token (`{ s: "v1.…" }`). */
function isSealed(state: unknown): boolean {
  if (!isObj(state)) return false;
  const keys = Object.keys(state);
  return keys.length === 1 && keys[0] === 's' && typeof state.s === 'string' && state.s.startsWith('v1.');
}
