import type { DateTime } from 'luxon';
import type { NluIntent, NluModel } from './nlu-model.js';
import { tokenize } from './normalize-text.js';
import { builtInKind, resolveSlot, type ResolvedSlot } from './resolve-slot.js';

/** A slot a script or caller gives directly: the spoken words, or the value with an id. */
export type SlotInput = string | { value?: string; id?: string; name?: string };

/**
 * Slots given with an explicit intent (simulator.md 12), made into what recognition would have
 * produced. Words are resolved like spoken ones ("morgen" → the date, "Hafermilch" → entity
 * resolution against the model); a value that already is in Alexa's form ("2026-11-28", "10023")
 * is kept; `{ value, id }` forces an entity match with that id. Every declared slot is present.
 *
 * @example explicitSlots(model, intent, { product: 'bio hafermilch' }, clock).product?.resolution?.status
 */
export function explicitSlots(model: NluModel, intent: NluIntent | undefined, given: Record<string, SlotInput | null | undefined>, clock: DateTime): Record<string, ResolvedSlot | undefined> {
  const declared = intent?.slots ?? {};
  const out: Record<string, ResolvedSlot | undefined> = {};
  for (const name of new Set([...Object.keys(declared), ...Object.keys(given)])) {
    const input = given[name];
    if (input === undefined || input === null || input === '') {
      out[name] = undefined;
      continue;
    }
    const type = declared[name] ?? 'AMAZON.SearchQuery';
    if (typeof input === 'object' && input.id !== undefined) {
      const value = input.value ?? input.name ?? input.id;
      out[name] = {
        spoken: value,
        value,
        resolution: { status: 'ER_SUCCESS_MATCH', values: [{ id: input.id, name: input.name ?? value }] },
        typed: true,
      };
      continue;
    }
    const words = typeof input === 'object' ? input.value ?? '' : String(input);
    const tokens = tokenize(words);
    const resolved = tokens.length > 0 ? resolveSlot(model, type, tokens, 0, tokens.length, clock) : undefined;
    if (resolved) {
      out[name] = resolved;
    } else {
      // Not words of that type: taken as the value Alexa would send ("2026-W48-WE", "08:30").
      const kind = builtInKind(type);
      out[name] = { spoken: words, value: words, ...(kind ? { kind } : {}), typed: false };
    }
  }
  return out;
}
