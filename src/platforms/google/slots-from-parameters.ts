import { DateTime } from 'luxon';
import { isSharedIntent, SHARED_INTENTS } from '../../domain/intents.js';
import type { SlotValue } from '../../domain/turn.js';
import { isRecord, type DialogflowContext } from './webhook-types.js';

/** Spoken text longer than this is not a slot value anyone said. */
const MAX_SLOT_CHARS = 200;

/**
 * The domain's slots from Dialogflow parameters, for the slots the shared intent declares
 * (intents.ts). Unfilled parameters (`""`, `[]`, absent) give no slot, as on Alexa.
 *
 * - `AMAZON.NUMBER` ← `@sys.number`: a JSON number (or its string) → digits, `12345`.
 * - `AMAZON.DATE` ← `@sys.date`: `"2026-11-28T12:00:00+01:00"` → Alexa's date form
 *   `"2026-11-28"`, the calendar day in the offset Dialogflow resolved it in (the agent's time
 *   zone), never shifted to UTC.
 * - custom entities: the parameter is the entry's reference value → `id` and `canonical`; the
 *   spoken text comes from `<param>.original` in the active contexts, else the reference value.
 *
 * @example slotsFromParameters('OrderStatusIntent', { orderNumber: 10023 }, [])
 * // { orderNumber: { value: '10023' } }
 */
export function slotsFromParameters(
  intent: string,
  parameters: unknown,
  contexts: DialogflowContext[],
): Record<string, SlotValue> {
  if (!isSharedIntent(intent) || !isRecord(parameters)) return {};
  const declared: Record<string, string> = SHARED_INTENTS[intent].slots;
  const slots: Record<string, SlotValue> = {};
  for (const [name, type] of Object.entries(declared)) {
    const raw = first(parameters[name]);
    const slot =
      type === 'AMAZON.NUMBER' ? numberSlot(raw)
      : type === 'AMAZON.FOUR_DIGIT_NUMBER' ? fourDigitSlot(raw)
      : type === 'AMAZON.DATE' ? dateSlot(raw)
      : entitySlot(raw, originalOf(name, contexts));
    if (slot) slots[name] = slot;
  }
  return slots;
}

/** A list parameter (`isList`) gives its first value. */
function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function numberSlot(raw: unknown): SlotValue | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < 0) return undefined;
  // @sys.number arrives as a double ("10023" → 10023); order numbers are whole numbers.
  const digits = Number.isInteger(n) ? BigInt(n).toString() : String(n);
  return { value: digits };
}

/** A four-digit code from @sys.number: "0815" arrives as 815 and is padded back to four digits. */
function fourDigitSlot(raw: unknown): SlotValue | undefined {
  const slot = numberSlot(raw);
  return slot && /^\d{1,4}$/.test(slot.value!) ? { value: slot.value!.padStart(4, '0') } : slot;
}

function dateSlot(raw: unknown): SlotValue | undefined {
  // @sys.date is an ISO date-time; a date-period-like object carries `startDate`.
  const iso = typeof raw === 'string' ? raw : isRecord(raw) && typeof raw.startDate === 'string' ? raw.startDate : '';
  if (!iso) return undefined;
  const date = DateTime.fromISO(iso, { setZone: true });
  return date.isValid ? { value: date.toISODate()! } : undefined;
}

function entitySlot(raw: unknown, original: string | undefined): SlotValue | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const id = raw.trim().slice(0, MAX_SLOT_CHARS);
  return { value: original ?? id, id, canonical: id };
}

/**
 * What the customer said for a parameter: Dialogflow adds `<param>.original` to the parameters
 * of every active context when an intent with that parameter matches.
 */
function originalOf(name: string, contexts: DialogflowContext[]): string | undefined {
  for (const context of contexts) {
    const value = first(context.parameters?.[`${name}.original`]);
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, MAX_SLOT_CHARS);
  }
  return undefined;
}
