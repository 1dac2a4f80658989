import type { ResolvedSlot } from './resolve-slot.js';
import type { SimSettings } from './sim-settings.js';

/** Alexa's confirmation states (intent and slot). */
export type ConfirmationStatus = 'NONE' | 'CONFIRMED' | 'DENIED';

/**
 * One request the simulator sends, before it is written in a platform's format
 * (alexa-envelope.ts, dialogflow-request.ts).
 */
export type SimRequest =
  | { type: 'launch'; queryText?: string }
  | {
      type: 'intent';
      intent: string;
      /** Every declared slot; `undefined` = not spoken. */
      slots: Record<string, ResolvedSlot | undefined>;
      confirmationStatus?: ConfirmationStatus;
      slotConfirmations?: Record<string, ConfirmationStatus>;
      dialogState?: 'STARTED' | 'IN_PROGRESS' | 'COMPLETED';
      queryText?: string;
    }
  | { type: 'session-ended'; reason: 'USER_INITIATED' | 'ERROR' | 'EXCEEDED_MAX_REPROMPTS' };

/** A stable UUID-shaped id from a seed (the simulator's ids repeat from run to run). */
export function seededUuid(seed: string): string {
  // FNV-1a over the seed, stretched to 128 bits by re-hashing; no crypto needed for test ids.
  let hex = '';
  let h = 0x811c9dc5;
  for (let round = 0; hex.length < 32; round++) {
    for (const c of `${round}:${seed}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The next id of a kind ("session", "request") in a conversation: the settings' counter makes it
 * unique within a run, the seed makes it repeat across runs.
 */
export function nextSimId(settings: Pick<SimSettings, 'seed' | 'counter'>, kind: string): string {
  return seededUuid(`${settings.seed}:${kind}:${++settings.counter}`);
}
