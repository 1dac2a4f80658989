import type { Platform } from '../domain/turn.js';
import type { MatchKind, RunnerUp } from './recognize.js';
import type { ResolvedSlot } from './resolve-slot.js';

/** A slot as testers see it: the spoken (or built-in) value and the resolved id. */
export interface SlotView {
  value?: string;
  id?: string;
  /** Canonical name from entity resolution. */
  name?: string;
  status?: 'ER_SUCCESS_MATCH' | 'ER_SUCCESS_NO_MATCH';
}

/** One turn of a simulated conversation, the same shape for both platforms. */
export interface TurnResult {
  utterance?: string;
  /** The words the intent was matched on: the utterance without its invocation phrase. */
  heard?: string;
  platform: Platform;
  locale: string;
  /** `launch` for an opening, `intent`, or `session-ended`. */
  kind: 'launch' | 'intent' | 'session-ended';
  /** The intent sent (shared names on both platforms; `LaunchRequest` for an opening). */
  intent: string;
  /** How the sentence addressed the skill; `explicit` when the step named the intent itself. */
  invocation: 'launch' | 'one-shot' | 'none' | 'explicit';
  slots: Record<string, SlotView>;
  confirmationStatus: string;
  runnerUps: RunnerUp[];
  /**
   * How the intent was found: `literal` (a sample word for word; also launches and explicit
   * intents), `statistical` (the NLU recogniser, sure enough), `none` (the fallback).
   */
  match: MatchKind;
  /** 1 for a literal match, else the statistical recogniser's score of its best intent (0…1). */
  score: number;
  /** Plain text: SSML removed. */
  speech: string;
  reprompt: string;
  card?: { type: string; title?: string; text?: string };
  /** Alexa directives (`Dialog.ConfirmIntent`, …); Google has none. */
  directives: Array<{ type: string; [key: string]: unknown }>;
  endSession: boolean;
  /** Session attributes (Alexa) or the session context's state (Google) after the turn. */
  state: Record<string, unknown>;
  sessionId: string;
  newSession: boolean;
  /** True when the sentence was read as the answer to an open dialog question (simulator.md 11). */
  inDialog: boolean;
  /** True when Alexa's dialog manager answered (a delegated prompt) without calling the skill. */
  answeredByDialog: boolean;
  status: number;
  request: unknown;
  response: unknown;
}

/**
 * The words a listener hears: SSML tags removed, entities decoded, spaces collapsed.
 *
 * @example speechText('<speak>Hallo &amp; <break time="1s"/>willkommen</speak>') // 'Hallo & willkommen'
 */
export function speechText(ssml: string | undefined): string {
  return (ssml ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,!?;:])/g, '$1')
    .trim();
}

/** The tester's view of recognised slots: every declared slot, empty ones as `{}`. */
export function slotViews(slots: Record<string, ResolvedSlot | undefined>): Record<string, SlotView> {
  const out: Record<string, SlotView> = {};
  for (const [name, slot] of Object.entries(slots)) {
    if (!slot) {
      out[name] = {};
      continue;
    }
    const view: SlotView = { value: slot.value };
    const match = slot.resolution?.status === 'ER_SUCCESS_MATCH' ? slot.resolution.values[0] : undefined;
    if (match?.id) view.id = match.id;
    if (match) view.name = match.name;
    if (slot.resolution) view.status = slot.resolution.status;
    out[name] = view;
  }
  return out;
}
