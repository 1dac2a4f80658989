import type { DialogIntent, PendingDialog } from './dialog-answer.js';
import type { NluModel } from './nlu-model.js';

/** What Alexa's dialog manager does next with a delegated intent. */
export type DelegationStep =
  | { kind: 'prompt'; speech: string; pending: PendingDialog }
  | { kind: 'complete' };

/** A prompt's first variation with `{slot}` references filled in. */
function promptText(model: NluModel, id: string | undefined, intent: DialogIntent): string {
  const text = (id && model.prompts.get(id)?.[0]) ?? '';
  return text.replace(/\{([^{}]+)\}/g, (_, slot: string) => intent.slots[slot]?.value ?? '');
}

/**
 * Follows the model's dialog rules the way Alexa does after `Dialog.Delegate` (or for an intent
 * with auto delegation): ask for the first required slot that is empty, then confirm slots that
 * need it, then the intent; when nothing is left, the intent goes to the skill as `COMPLETED`.
 * Prompts come from the model's `prompts` (simulator.md 11, "delegated dialogs follow the
 * model's prompts").
 */
export function nextDelegationStep(model: NluModel, intent: DialogIntent): DelegationStep {
  const rules = model.dialog.get(intent.name);
  if (!rules) return { kind: 'complete' };
  for (const slot of rules.slots) {
    if (slot.required && !intent.slots[slot.name]) {
      return { kind: 'prompt', speech: promptText(model, slot.elicitationPrompt, intent), pending: { kind: 'elicit-slot', slot: slot.name, intent, delegated: true } };
    }
  }
  for (const slot of rules.slots) {
    const status = intent.slotConfirmations?.[slot.name] ?? 'NONE';
    if (slot.confirmationPrompt && intent.slots[slot.name] && status === 'NONE') {
      return { kind: 'prompt', speech: promptText(model, slot.confirmationPrompt, intent), pending: { kind: 'confirm-slot', slot: slot.name, intent, delegated: true } };
    }
  }
  if (rules.confirmationPrompt && (intent.confirmationStatus ?? 'NONE') === 'NONE') {
    return { kind: 'prompt', speech: promptText(model, rules.confirmationPrompt, intent), pending: { kind: 'confirm-intent', intent, delegated: true } };
  }
  return { kind: 'complete' };
}
