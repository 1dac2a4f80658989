import { randomUUID } from 'node:crypto';

/** The skill id the test server accepts. */
export const TEST_SKILL_ID = 'amzn1.ask.skill.00000000-1111-2222-3333-444444444444';

export interface SlotInput {
  value?: string;
  /** Entity-resolution match: canonical id and name (ER_SUCCESS_MATCH); omitted → ER_SUCCESS_NO_MATCH for custom types. */
  id?: string;
  name?: string;
  customType?: string;
}

export interface AlexaRequestOptions {
  locale?: string;
  accessToken?: string;
  userId?: string;
  sessionId?: string;
  isNew?: boolean;
  attributes?: Record<string, unknown>;
  timestamp?: string;
  skillId?: string;
  confirmationStatus?: 'NONE' | 'CONFIRMED' | 'DENIED';
  slots?: Record<string, SlotInput>;
  apl?: boolean;
}

function envelope(request: Record<string, unknown>, o: AlexaRequestOptions): Record<string, unknown> {
  const skillId = o.skillId ?? TEST_SKILL_ID;
  const user: Record<string, unknown> = { userId: o.userId ?? 'amzn1.ask.account.TESTUSER' };
  if (o.accessToken) user.accessToken = o.accessToken;
  const supportedInterfaces: Record<string, unknown> = {};
  if (o.apl) supportedInterfaces['Alexa.Presentation.APL'] = { runtime: { maxVersion: '2024.2' } };
  const body: Record<string, unknown> = {
    version: '1.0',
    context: {
      System: {
        application: { applicationId: skillId },
        user,
        device: { deviceId: 'amzn1.ask.device.TESTDEVICE', supportedInterfaces },
        apiEndpoint: 'https://api.eu.amazonalexa.com',
        apiAccessToken: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test.signature',
      },
    },
    request: {
      requestId: `amzn1.echo-api.request.${randomUUID()}`,
      timestamp: o.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      locale: o.locale ?? 'de-DE',
      ...request,
    },
  };
  if (request.type !== 'AlexaSkillEvent.SkillDisabled') {
    body.session = {
      new: o.isNew ?? false,
      sessionId: o.sessionId ?? `amzn1.echo-api.session.${randomUUID()}`,
      application: { applicationId: skillId },
      attributes: o.attributes ?? {},
      user,
    };
  }
  return body;
}

function slotJson(name: string, input: SlotInput, customType?: string): Record<string, unknown> {
  const slot: Record<string, unknown> = { name, confirmationStatus: 'NONE', source: 'USER' };
  if (input.value !== undefined) slot.value = input.value;
  const type = input.customType ?? customType;
  if (input.value !== undefined && type) {
    const authority = `amzn1.er-authority.echo-sdk.${TEST_SKILL_ID}.${type}`;
    slot.resolutions = {
      resolutionsPerAuthority: [
        input.id
          ? { authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: input.name ?? input.value, id: input.id } }] }
          : { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } },
      ],
    };
  }
  return slot;
}

const CUSTOM_TYPES: Record<string, string> = { product: 'ProductName', store: 'StoreName', topic: 'FaqTopic' };

/** An IntentRequest as Alexa sends it; every slot of the intent present, empty when not spoken. */
export function intentRequest(intent: string, o: AlexaRequestOptions = {}, declaredSlots: string[] = []): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  for (const name of new Set([...declaredSlots, ...Object.keys(o.slots ?? {})])) {
    slots[name] = slotJson(name, o.slots?.[name] ?? {}, CUSTOM_TYPES[name]);
  }
  const intentJson: Record<string, unknown> = { name: intent, confirmationStatus: o.confirmationStatus ?? 'NONE' };
  if (Object.keys(slots).length > 0) intentJson.slots = slots;
  return envelope({ type: 'IntentRequest', dialogState: o.confirmationStatus && o.confirmationStatus !== 'NONE' ? 'IN_PROGRESS' : undefined, intent: intentJson }, o);
}

export function launchRequest(o: AlexaRequestOptions = {}): Record<string, unknown> {
  return envelope({ type: 'LaunchRequest', shouldLinkResultBeReturned: false }, { isNew: true, ...o });
}

export function sessionEndedRequest(o: AlexaRequestOptions = {}, reason = 'USER_INITIATED'): Record<string, unknown> {
  return envelope({ type: 'SessionEndedRequest', reason }, o);
}

export function skillDisabledEvent(o: AlexaRequestOptions = {}): Record<string, unknown> {
  return envelope({ type: 'AlexaSkillEvent.SkillDisabled', eventCreationTime: o.timestamp ?? new Date().toISOString(), body: { userInformationPersistenceStatus: 'NOT_PERSISTED' } }, o);
}
