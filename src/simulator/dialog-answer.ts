import type { DateTime } from 'luxon';
import { FALLBACK_INTENT, NO_INTENT, YES_INTENT } from './built-in-phrases.js';
import type { NluModel } from './nlu-model.js';
import type { Token } from './normalize-text.js';
import { recognize, type Recognition } from './recognize.js';
import { resolveSlot, type ResolvedSlot } from './resolve-slot.js';
import type { ConfirmationStatus, SimRequest } from './sim-request.js';

/** The intent a dialog act is about, with the slots it has so far. */
export interface DialogIntent {
  name: string;
  slots: Record<string, ResolvedSlot | undefined>;
  confirmationStatus?: ConfirmationStatus;
  slotConfirmations?: Record<string, ConfirmationStatus>;
}

/** What the last Alexa response asked for (its `Dialog.*` directive). */
export type PendingDialog =
  | { kind: 'confirm-intent'; intent: DialogIntent; delegated?: boolean }
  | { kind: 'confirm-slot'; slot: string; intent: DialogIntent; delegated?: boolean }
  | { kind: 'elicit-slot'; slot: string; intent: DialogIntent; delegated?: boolean };

/**
 * An answer read in the context of the open question (simulator.md 11):
 * - after `Dialog.ConfirmIntent`, "ja"/"yes" comes back as the same intent with
 *   `confirmationStatus: CONFIRMED`, "nein"/"no" with `DENIED`;
 * - after `Dialog.ConfirmSlot`, the same for the slot's `confirmationStatus`;
 * - after `Dialog.ElicitSlot`, a sample of that intent, or the bare value ("zwei"), fills the
 *   asked slot. Built-in intents still win ("stopp" stops), and an answer that fits neither is
 *   recognised as usual.
 * Returns `undefined` when the answer is not read in the dialog's context.
 */
export function answerInDialog(
  model: NluModel,
  pending: PendingDialog,
  heard: Recognition,
  tokens: readonly Token[],
  clock: DateTime,
): SimRequest | undefined {
  const intent = pending.intent;
  const base = {
    type: 'intent' as const,
    intent: intent.name,
    slots: { ...intent.slots },
    confirmationStatus: intent.confirmationStatus ?? 'NONE',
    slotConfirmations: { ...(intent.slotConfirmations ?? {}) },
    dialogState: 'IN_PROGRESS' as const,
  };
  const answer = heard.intent === YES_INTENT ? 'CONFIRMED' : heard.intent === NO_INTENT ? 'DENIED' : undefined;
  if (pending.kind === 'confirm-intent') return answer ? { ...base, confirmationStatus: answer } : undefined;
  if (pending.kind === 'confirm-slot') {
    return answer ? { ...base, slotConfirmations: { ...base.slotConfirmations, [pending.slot]: answer } } : undefined;
  }
  // Elicit: the platform's own intents (stop, cancel, help, yes, no) are still understood.
  if (heard.intent.startsWith('AMAZON.') && heard.intent !== FALLBACK_INTENT && !heard.fallback) return undefined;
  const asIntent = recognize(model, tokens, { clock, onlyIntents: new Set([intent.name]) });
  if (!asIntent.fallback && asIntent.intent === intent.name) {
    const slots = { ...base.slots };
    for (const [name, slot] of Object.entries(asIntent.slots)) if (slot) slots[name] = slot;
    return { ...base, slots };
  }
  const type = model.intents.find((i) => i.name === intent.name)?.slots[pending.slot];
  const value = type && tokens.length > 0 ? resolveSlot(model, type, tokens, 0, tokens.length, clock) : undefined;
  return value ? { ...base, slots: { ...base.slots, [pending.slot]: value } } : undefined;
}
