import type { ResolvedSlot } from './resolve-slot.js';
import type { ConfirmationStatus, SimRequest } from './sim-request.js';

/** Who and where a request comes from, and the session it belongs to. */
export interface AlexaRequestContext {
  skillId: string;
  locale: string;
  userId: string;
  deviceId: string;
  /** The linked shop account's token; absent when the account is not linked. */
  accessToken?: string;
  /** `context.System.apiAccessToken` (default: the simulator's, without permissions). */
  apiAccessToken?: string;
  /** `context.System.device.supportedInterfaces`, e.g. `{ 'Alexa.Presentation.APL': {…} }`. */
  interfaces: Record<string, unknown>;
  /** The clock, as Alexa stamps requests: ISO 8601 in UTC, whole seconds. */
  timestamp: string;
  requestId: string;
  session: { id: string; isNew: boolean; attributes: Record<string, unknown> };
  /** Slot name → slot type of the intent, for the entity-resolution authority. */
  slotTypes: Record<string, string>;
}

function slotJson(name: string, type: string, slot: ResolvedSlot | undefined, confirmation: ConfirmationStatus, skillId: string): Record<string, unknown> {
  if (!slot) return { name, confirmationStatus: confirmation };
  const out: Record<string, unknown> = { name, value: slot.value, confirmationStatus: confirmation, source: 'USER' };
  const slotValue: Record<string, unknown> = { type: 'Simple', value: slot.value };
  if (slot.resolution) {
    const authority = `amzn1.er-authority.echo-sdk.${skillId}.${type}`;
    const resolutions = {
      resolutionsPerAuthority: [
        slot.resolution.status === 'ER_SUCCESS_MATCH'
          ? { authority, status: { code: 'ER_SUCCESS_MATCH' }, values: slot.resolution.values.map((v) => ({ value: { name: v.name, id: v.id ?? v.name } })) }
          : { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } },
      ],
    };
    out.resolutions = resolutions;
    slotValue.resolutions = resolutions;
  }
  out.slotValue = slotValue;
  return out;
}

/**
 * A request envelope as Alexa sends it to a custom skill's endpoint: `context.System` with the
 * application, the user (and `accessToken` once the account is linked), the device and its
 * supported interfaces; a `session` with `new`, the attributes the last response returned (if any), and
 * the same user; and the request, stamped with the simulator's clock. Intent requests carry every
 * slot the intent declares, empty ones too (simulator.md 9); custom-type slots carry entity
 * resolution (`ER_SUCCESS_MATCH` with id and canonical name, or `ER_SUCCESS_NO_MATCH`).
 *
 * @example alexaEnvelope({ type: 'launch' }, context).request.type // 'LaunchRequest'
 */
export function alexaEnvelope(sim: SimRequest, ctx: AlexaRequestContext): Record<string, any> {
  const user: Record<string, unknown> = { userId: ctx.userId };
  if (ctx.accessToken) user.accessToken = ctx.accessToken;
  const application = { applicationId: ctx.skillId };
  const base = { requestId: ctx.requestId, timestamp: ctx.timestamp, locale: ctx.locale };
  let request: Record<string, unknown>;
  if (sim.type === 'launch') {
    request = { type: 'LaunchRequest', ...base, shouldLinkResultBeReturned: false };
  } else if (sim.type === 'session-ended') {
    request = { type: 'SessionEndedRequest', ...base, reason: sim.reason };
  } else {
    const slots: Record<string, unknown> = {};
    for (const [name, slot] of Object.entries(sim.slots)) {
      slots[name] = slotJson(name, ctx.slotTypes[name] ?? '', slot, sim.slotConfirmations?.[name] ?? 'NONE', ctx.skillId);
    }
    const intent: Record<string, unknown> = { name: sim.intent, confirmationStatus: sim.confirmationStatus ?? 'NONE' };
    if (Object.keys(slots).length > 0) intent.slots = slots;
    request = { type: 'IntentRequest', ...base, ...(sim.dialogState ? { dialogState: sim.dialogState } : {}), intent };
  }
  const envelope: Record<string, any> = {
    version: '1.0',
    session: {
      new: ctx.session.isNew,
      sessionId: ctx.session.id,
      application,
      // Alexa leaves `attributes` out until the skill has set some.
      ...(Object.keys(ctx.session.attributes).length > 0 ? { attributes: ctx.session.attributes } : {}),
      user,
    },
    context: {
      System: {
        application,
        user,
        device: { deviceId: ctx.deviceId, supportedInterfaces: ctx.interfaces },
        apiEndpoint: 'https://api.eu.amazonalexa.com',
        apiAccessToken: ctx.apiAccessToken ?? 'simulator.api-access-token',
      },
    },
    request,
  };
  if (ctx.interfaces['Alexa.Presentation.APL']) {
    envelope.context.Viewport = { experiences: [{ canRotate: false, canResize: false }], shape: 'RECTANGLE', pixelWidth: 1024, pixelHeight: 600, dpi: 160, currentPixelWidth: 1024, currentPixelHeight: 600, touch: ['SINGLE'] };
  }
  return envelope;
}
