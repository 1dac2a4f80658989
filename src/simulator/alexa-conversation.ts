import { simulatorApiToken } from '../platforms/alexa/customer-profile.js';
import { alexaEnvelope } from './alexa-envelope.js';
import { nextDelegationStep } from './delegated-dialog.js';
import { answerInDialog, type DialogIntent, type PendingDialog } from './dialog-answer.js';
import { explicitSlots } from './explicit-slots.js';
import type { NluModel } from './nlu-model.js';
import { tokenize } from './normalize-text.js';
import type { Conversation, TurnInput } from './platform-conversation.js';
import type { Recognition } from './recognize.js';
import { nextSimId, seededUuid, type SimRequest } from './sim-request.js';
import type { SimSettings } from './sim-settings.js';
import type { Transport } from './transport.js';
import { slotViews, speechText, type TurnResult } from './turn-result.js';
import { understandStatistically } from './understand-statistically.js';

interface Session {
  id: string;
  isNew: boolean;
  attributes: Record<string, unknown>;
}

type Meta = Pick<TurnResult, 'invocation' | 'runnerUps'> & { utterance?: string; heard?: string; inDialog?: boolean; match?: TurnResult['match']; score?: number };

/**
 * A conversation with the Alexa skill. Like Alexa: `session.new` only on a session's first
 * request; the attributes a response returns come back with the next request; a response that
 * ends the session makes the next turn open a new one (simulator.md 10); `Dialog.*` directives
 * make the next answer be read in their context, and `Dialog.Delegate` hands the turn to the
 * model's dialog rules (simulator.md 11).
 */
export class AlexaConversation implements Conversation {
  readonly platform = 'alexa' as const;
  private session: Session | undefined;
  private pending: PendingDialog | undefined;

  constructor(
    private readonly model: NluModel,
    readonly locale: string,
    private readonly transport: Transport,
    readonly settings: SimSettings,
  ) {}

  async turn(input: TurnInput): Promise<TurnResult> {
    const clock = this.settings.clock;
    if ('sessionEnded' in input) {
      const request: SimRequest = { type: 'session-ended', reason: input.sessionEnded };
      return this.send(request, { invocation: 'explicit', runnerUps: [] });
    }
    if ('launch' in input) {
      this.openSession();
      return this.send({ type: 'launch' }, { invocation: 'launch', runnerUps: [] });
    }
    if ('intent' in input) {
      if (!this.session) this.openSession();
      const intent = this.model.intents.find((i) => i.name === input.intent);
      const slots = explicitSlots(this.model, intent, input.slots ?? {}, clock);
      const request: SimRequest = { type: 'intent', intent: input.intent, slots, confirmationStatus: input.confirmationStatus ?? 'NONE' };
      return this.sendIntent(request, { invocation: 'explicit', runnerUps: [] });
    }
    const understood = await understandStatistically(this.model, input.utterance, { clock, recognizer: this.settings.recognizer });
    const meta: Meta = { utterance: input.utterance, invocation: understood.invocation, runnerUps: [] };
    if (understood.kind === 'intent') meta.heard = understood.heard;
    if (understood.kind === 'launch') {
      this.openSession();
      return this.send({ type: 'launch' }, meta);
    }
    const heard: Recognition = understood.recognition;
    meta.runnerUps = heard.runnerUps;
    meta.match = heard.match;
    meta.score = heard.score;
    if (understood.invocation === 'one-shot' || !this.session) this.openSession();
    const inDialog = this.pending ? answerInDialog(this.model, this.pending, heard, tokenize(understood.heard), clock) : undefined;
    meta.inDialog = inDialog !== undefined;
    const request: SimRequest = inDialog ?? { type: 'intent', intent: heard.intent, slots: heard.slots, confirmationStatus: 'NONE' };
    return this.sendIntent(request, meta);
  }

  private openSession(): void {
    this.session = { id: `amzn1.echo-api.session.${nextSimId(this.settings, 'session')}`, isNew: true, attributes: {} };
    this.pending = undefined;
  }

  /** An intent request, unless the model's dialog rules (auto delegation) answer first. */
  private async sendIntent(request: SimRequest, meta: Meta): Promise<TurnResult> {
    if (request.type === 'intent' && this.model.dialog.get(request.intent)?.delegation === 'ALWAYS') {
      const delegated = this.delegate(toDialogIntent(request), meta);
      if (delegated) return delegated;
      return this.send({ ...request, dialogState: 'COMPLETED' }, meta);
    }
    return this.send(request, meta);
  }

  /** Runs Alexa's dialog manager: a prompt of its own, or `undefined` when the intent is complete. */
  private delegate(intent: DialogIntent, meta: Meta): TurnResult | undefined {
    const step = nextDelegationStep(this.model, intent);
    if (step.kind === 'complete') return undefined;
    this.pending = step.pending;
    return {
      ...this.blankResult({ type: 'intent', intent: intent.name, slots: intent.slots }, meta),
      speech: step.speech,
      reprompt: step.speech,
      endSession: false,
      answeredByDialog: true,
    };
  }

  private async send(request: SimRequest, meta: Meta): Promise<TurnResult> {
    const session = this.session ?? { id: `amzn1.echo-api.session.${nextSimId(this.settings, 'session')}`, isNew: true, attributes: {} };
    const intent = request.type === 'intent' ? this.model.intents.find((i) => i.name === request.intent) : undefined;
    const envelope = alexaEnvelope(request, {
      skillId: this.settings.skillId,
      locale: this.locale,
      userId: `amzn1.ask.account.${seededUuid(`${this.settings.seed}:user`)}`,
      deviceId: `amzn1.ask.device.${seededUuid(`${this.settings.seed}:device`)}`,
      ...(this.settings.accessToken ? { accessToken: this.settings.accessToken } : {}),
      ...(this.settings.profileMobile ? { apiAccessToken: simulatorApiToken(this.settings.profileMobile) } : {}),
      interfaces: this.settings.interfaces,
      timestamp: this.settings.clock.toUTC().toISO({ suppressMilliseconds: true })!.replace(/\.\d+Z$/, 'Z'),
      requestId: `amzn1.echo-api.request.${nextSimId(this.settings, 'request')}`,
      session,
      slotTypes: intent?.slots ?? {},
    });
    const answer = await this.transport.alexa(envelope);
    const body = answer.body ?? {};
    const response = body.response ?? {};
    const result: TurnResult = {
      ...this.blankResult(request, meta),
      status: answer.status,
      speech: speechText(response.outputSpeech?.ssml ?? response.outputSpeech?.text),
      reprompt: speechText(response.reprompt?.outputSpeech?.ssml ?? response.reprompt?.outputSpeech?.text),
      ...(response.card ? { card: { type: response.card.type, title: response.card.title, text: response.card.content ?? response.card.text } } : {}),
      directives: Array.isArray(response.directives) ? response.directives : [],
      endSession: answer.status !== 200 || request.type === 'session-ended' || response.shouldEndSession !== false,
      state: body.sessionAttributes ?? {},
      sessionId: session.id,
      newSession: session.isNew,
      request: envelope,
      response: body,
    };
    this.pending = undefined;
    if (result.endSession) {
      this.session = undefined;
      return result;
    }
    this.session = { id: session.id, isNew: false, attributes: result.state };
    return (await this.followDirectives(request, result, meta)) ?? result;
  }

  /** Remembers what a `Dialog.*` directive asks for; runs the dialog manager on `Dialog.Delegate`. */
  private async followDirectives(request: SimRequest, result: TurnResult, meta: Meta): Promise<TurnResult | undefined> {
    const dialog = result.directives.find((d) => d.type.startsWith('Dialog.'));
    if (!dialog) return undefined;
    const sent = request.type === 'intent' ? toDialogIntent(request) : { name: '', slots: {} };
    const intent = this.updatedIntent(dialog.updatedIntent, sent);
    if (dialog.type === 'Dialog.ConfirmIntent') this.pending = { kind: 'confirm-intent', intent };
    else if (dialog.type === 'Dialog.ConfirmSlot') this.pending = { kind: 'confirm-slot', slot: String(dialog.slotToConfirm), intent };
    else if (dialog.type === 'Dialog.ElicitSlot') this.pending = { kind: 'elicit-slot', slot: String(dialog.slotToElicit), intent };
    else if (dialog.type === 'Dialog.Delegate') {
      const prompted = this.delegate(intent, meta);
      if (prompted) return { ...prompted, request: result.request, response: result.response, sessionId: result.sessionId, newSession: result.newSession };
      return this.send({ type: 'intent', intent: intent.name, slots: intent.slots, confirmationStatus: intent.confirmationStatus ?? 'NONE', dialogState: 'COMPLETED' }, meta);
    }
    return undefined;
  }

  /** The directive's `updatedIntent` over the intent that was sent (slot values re-resolved). */
  private updatedIntent(updated: unknown, sent: DialogIntent): DialogIntent {
    const u = (updated ?? {}) as { name?: string; confirmationStatus?: string; slots?: Record<string, { value?: string }> };
    if (!u.name) return sent;
    const modelIntent = this.model.intents.find((i) => i.name === u.name);
    const given: Record<string, string | null> = {};
    for (const [name, slot] of Object.entries(u.slots ?? {})) given[name] = slot?.value ?? null;
    const resolved = explicitSlots(this.model, modelIntent, given, this.settings.clock);
    const slots = { ...resolved };
    // Keep what was recognised (entity resolution included) where the skill did not change it.
    for (const [name, slot] of Object.entries(sent.slots)) if (slot && resolved[name]?.value === slot.value) slots[name] = slot;
    const status = u.confirmationStatus === 'CONFIRMED' || u.confirmationStatus === 'DENIED' ? u.confirmationStatus : 'NONE';
    return { name: u.name, slots, confirmationStatus: status };
  }

  private blankResult(request: SimRequest, meta: Meta): TurnResult {
    return {
      ...(meta.utterance !== undefined ? { utterance: meta.utterance } : {}),
      ...(meta.heard !== undefined ? { heard: meta.heard } : {}),
      platform: 'alexa',
      locale: this.locale,
      kind: request.type,
      intent: request.type === 'launch' ? 'LaunchRequest' : request.type === 'session-ended' ? 'SessionEndedRequest' : request.intent,
      invocation: meta.invocation,
      slots: request.type === 'intent' ? slotViews(request.slots) : {},
      confirmationStatus: request.type === 'intent' ? request.confirmationStatus ?? 'NONE' : 'NONE',
      runnerUps: meta.runnerUps,
      match: meta.match ?? 'literal',
      score: meta.score ?? 1,
      speech: '',
      reprompt: '',
      directives: [],
      endSession: false,
      state: this.session?.attributes ?? {},
      sessionId: this.session?.id ?? '',
      newSession: false,
      inDialog: meta.inDialog ?? false,
      answeredByDialog: false,
      status: 200,
      request: undefined,
      response: undefined,
    };
  }
}

function toDialogIntent(request: Extract<SimRequest, { type: 'intent' }>): DialogIntent {
  return {
    name: request.intent,
    slots: request.slots,
    confirmationStatus: request.confirmationStatus ?? 'NONE',
    ...(request.slotConfirmations ? { slotConfirmations: request.slotConfirmations } : {}),
  };
}

