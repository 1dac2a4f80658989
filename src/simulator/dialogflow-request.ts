import { DateTime } from 'luxon';
import type { NluIntent } from './nlu-model.js';
import { builtInKind, type ResolvedSlot } from './resolve-slot.js';
import { seededUuid, type SimRequest } from './sim-request.js';

/** A context as Dialogflow lists it in `queryResult.outputContexts`. */
export interface ActiveContext {
  name: string;
  lifespanCount: number;
  parameters?: Record<string, unknown>;
}

export interface DialogflowRequestContext {
  project: string;
  sessionId: string;
  /** The agent language Dialogflow reports (`de`, `en`). */
  languageCode: string;
  queryText: string;
  /** The matched intent (display name, id, declared parameters). */
  intent: NluIntent;
  /** Contexts still alive from earlier answers (short names). */
  contexts: ActiveContext[];
  userId: string;
  accessToken?: string;
  /** A caller on the phone gateway (`GOOGLE_TELEPHONY`) with this caller id. */
  telephonyCallerId?: string;
  /** The reference instant, in the agent's time zone (dates resolve at noon there). */
  clock: DateTime;
  responseId: string;
}

/**
 * A parameter as Dialogflow sends it: `@sys.number` a JSON number, `@sys.date` an ISO date-time
 * at noon in the agent's time zone (a week or weekend as `{ startDate, endDate }`), `@sys.time`
 * an ISO date-time today, a developer entity its entry's reference value (the spoken text when
 * automated expansion captured an unlisted value), and `""` when nothing was said.
 */
export function parameterValue(type: string, slot: ResolvedSlot | undefined, clock: DateTime): unknown {
  if (!slot) return '';
  const kind = builtInKind(type);
  if (kind === 'number') return Number(slot.value);
  if (kind === 'time') {
    const m = /^(\d{2}):(\d{2})$/.exec(slot.value);
    const at = m ? clock.set({ hour: Number(m[1]), minute: Number(m[2]), second: 0, millisecond: 0 }) : clock;
    return at.toISO({ suppressMilliseconds: true });
  }
  if (kind === 'date') return dateParameter(slot.value, clock);
  if (slot.resolution?.status === 'ER_SUCCESS_MATCH') return slot.resolution.values[0]?.id ?? slot.value;
  return slot.value;
}

function dateParameter(value: string, clock: DateTime): unknown {
  const iso = (d: DateTime): string => d.toISO({ suppressMilliseconds: true })!;
  if (value === 'PRESENT_REF') return iso(clock.set({ millisecond: 0 }));
  const week = /^(\d{4})-W(\d{2})(-WE)?$/.exec(value);
  if (week) {
    const monday = DateTime.fromObject({ weekYear: Number(week[1]), weekNumber: Number(week[2]), weekday: 1 }, { zone: clock.zone });
    const start = week[3] ? monday.plus({ days: 5 }) : monday;
    return { startDate: iso(start), endDate: iso(monday.plus({ days: 6 }).endOf('day').set({ millisecond: 0 })) };
  }
  const day = DateTime.fromISO(value, { zone: clock.zone });
  return day.isValid ? iso(day.set({ hour: 12 })) : value;
}

/**
 * A Dialogflow ES v2 `WebhookRequest` as the agent sends it to the fulfillment webhook: the
 * matched intent's resource name and display name, every declared parameter (empty ones as
 * `""`), the still-active contexts renamed into this session with `<param>.original` merged in,
 * `__system_counters__`, the agent language, and the Actions-style payload carrying the user
 * (and the linked account's `accessToken`).
 *
 * @example dialogflowRequest({ type: 'intent', intent: 'StoreHoursIntent', slots }, context).queryResult.parameters
 */
export function dialogflowRequest(sim: SimRequest, ctx: DialogflowRequestContext): Record<string, any> {
  const session = `projects/${ctx.project}/agent/sessions/${ctx.sessionId}`;
  const parameters: Record<string, unknown> = {};
  const originals: Record<string, unknown> = {};
  if (sim.type === 'intent') {
    for (const [name, type] of Object.entries(ctx.intent.slots)) {
      const slot = sim.slots[name];
      parameters[name] = parameterValue(type, slot, ctx.clock);
      originals[name] = parameters[name];
      originals[`${name}.original`] = slot?.spoken ?? '';
    }
  }
  const outputContexts = [
    ...ctx.contexts.map((c) => ({
      name: `${session}/contexts/${c.name}`,
      lifespanCount: c.lifespanCount,
      parameters: { ...(c.parameters ?? {}), ...originals },
    })),
    { name: `${session}/contexts/__system_counters__`, lifespanCount: 1, parameters: { 'no-input': 0, 'no-match': 0, ...originals } },
  ];
  const user: Record<string, unknown> = { userId: ctx.userId, locale: ctx.languageCode === 'de' ? 'de-DE' : 'en-US' };
  if (ctx.accessToken) user.accessToken = ctx.accessToken;
  const intentId = ctx.intent.id ?? seededUuid(`intent:${ctx.intent.name}`);
  return {
    responseId: ctx.responseId,
    queryResult: {
      queryText: ctx.queryText,
      parameters,
      allRequiredParamsPresent: true,
      fulfillmentMessages: [{ text: { text: [''] } }],
      outputContexts,
      intent: { name: `projects/${ctx.project}/agent/intents/${intentId}`, displayName: ctx.intent.name },
      intentDetectionConfidence: 1,
      languageCode: ctx.languageCode,
    },
    originalDetectIntentRequest: ctx.telephonyCallerId
      ? { source: 'GOOGLE_TELEPHONY', version: '2', payload: { telephony: { caller_id: ctx.telephonyCallerId }, user } }
      : { source: 'google', version: '2', payload: { user } },
    session,
  };
}
