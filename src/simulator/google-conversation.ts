import { isSharedIntent } from '../domain/intents.js';
import { DIALOGFLOW_INTENT_NAMES, sharedIntentForDialogflow } from '../models/dialogflow-names.js';
import { dialogflowRequest, type ActiveContext } from './dialogflow-request.js';
import { explicitSlots } from './explicit-slots.js';
import type { NluIntent, NluModel } from './nlu-model.js';
import type { Conversation, TurnInput } from './platform-conversation.js';
import type { RunnerUp } from './recognize.js';
import type { ResolvedSlot } from './resolve-slot.js';
import { nextSimId, seededUuid } from './sim-request.js';
import type { SimSettings } from './sim-settings.js';
import type { Transport } from './transport.js';
import { slotViews, speechText, type TurnResult } from './turn-result.js';
import { understandStatistically } from './understand-statistically.js';

/** The Dialogflow project the simulated session paths name. */
export const SIM_PROJECT = 'shopvoice-simulator';

const LAUNCH = 'LaunchRequest';

interface Turn {
  intent: NluIntent;
  slots: Record<string, ResolvedSlot | undefined>;
  queryText: string;
  invocation: TurnResult['invocation'];
  runnerUps: RunnerUp[];
  match?: TurnResult['match'];
  score?: number;
  utterance?: string;
  heard?: string;
}

/**
 * A conversation with the Dialogflow ES agent and the webhook. Like Dialogflow: the contexts an
 * answer sets stay active for their lifespan and come back with every request (the session's
 * state lives in them); intents with input contexts only match while those are active; a reply
 * that ends the conversation clears the contexts, and the next turn starts a new session.
 * Dialogflow has no session-end request and no confirmation status: a "ja" is its own intent.
 */
export class GoogleConversation implements Conversation {
  readonly platform = 'google' as const;
  private sessionId: string | undefined;
  private isNew = true;
  private contexts = new Map<string, ActiveContext>();

  constructor(
    private readonly model: NluModel,
    readonly locale: string,
    private readonly transport: Transport,
    readonly settings: SimSettings,
  ) {}

  async turn(input: TurnInput): Promise<TurnResult> {
    if ('sessionEnded' in input) {
      this.sessionId = undefined;
      this.contexts.clear();
      return { ...this.blank({ intent: this.intentNamed(LAUNCH), slots: {}, queryText: '', invocation: 'explicit', runnerUps: [] }), kind: 'session-ended', intent: 'SessionEndedRequest', endSession: true };
    }
    if ('launch' in input) {
      this.openSession();
      return this.send({ intent: this.intentNamed(LAUNCH), slots: {}, queryText: 'GOOGLE_ASSISTANT_WELCOME', invocation: 'launch', runnerUps: [] });
    }
    if ('intent' in input) {
      if (!this.sessionId) this.openSession();
      const intent = this.intentNamed(input.intent);
      const slots = explicitSlots(this.model, intent, input.slots ?? {}, this.settings.clock);
      return this.send({ intent, slots, queryText: input.intent, invocation: 'explicit', runnerUps: [] });
    }
    const understood = await understandStatistically(this.model, input.utterance, { clock: this.settings.clock, activeContexts: new Set(this.contexts.keys()), recognizer: this.settings.recognizer });
    if (understood.kind === 'launch') {
      this.openSession();
      return this.send({ intent: this.intentNamed(LAUNCH), slots: {}, queryText: input.utterance, invocation: 'launch', runnerUps: [], utterance: input.utterance });
    }
    if (understood.invocation === 'one-shot' || !this.sessionId) this.openSession();
    const r = understood.recognition;
    const intent = this.model.intents.find((i) => i.name === r.intent) ?? this.intentNamed(r.intent);
    return this.send({ intent, slots: r.slots, queryText: understood.heard, invocation: understood.invocation, runnerUps: r.runnerUps, match: r.match, score: r.score, utterance: input.utterance, heard: understood.heard });
  }

  private openSession(): void {
    this.sessionId = nextSimId(this.settings, 'session');
    this.isNew = true;
    this.contexts.clear();
  }

  /** The agent intent for a shared name (`LaunchRequest` → the welcome intent). */
  private intentNamed(name: string): NluIntent {
    const display = name === LAUNCH ? this.model.welcomeIntent ?? 'Default Welcome Intent' : isSharedIntent(name) ? DIALOGFLOW_INTENT_NAMES[name] : name;
    return this.model.intents.find((i) => i.name === display) ?? { name: display, slots: {}, inputContexts: [] };
  }

  private async send(turn: Turn): Promise<TurnResult> {
    const sessionId = this.sessionId ?? nextSimId(this.settings, 'session');
    const request = dialogflowRequest(
      { type: 'intent', intent: turn.intent.name, slots: turn.slots },
      {
        project: SIM_PROJECT,
        sessionId,
        languageCode: this.model.language,
        queryText: turn.queryText,
        intent: turn.intent,
        contexts: [...this.contexts.values()],
        userId: seededUuid(`${this.settings.seed}:user`).replace(/-/g, ''),
        ...(this.settings.accessToken ? { accessToken: this.settings.accessToken } : {}),
        ...(this.settings.telephonyCallerId ? { telephonyCallerId: this.settings.telephonyCallerId } : {}),
        clock: this.settings.clock,
        responseId: `${nextSimId(this.settings, 'response')}-${this.settings.counter.toString(16).padStart(8, '0')}`,
      },
    );
    if (turn.intent.name === this.model.fallbackIntent) request.queryResult.intent.isFallback = true;
    const answer = await this.transport.google(request, this.settings.clock);
    const body = answer.body ?? {};
    const google = body.payload?.google;
    this.advanceContexts(body.outputContexts);
    const ended = answer.status !== 200 || google?.expectUserResponse === false || (!google && !this.contexts.has('shopvoice_session'));
    const card = (body.fulfillmentMessages ?? []).find((m: { card?: unknown }) => m.card)?.card;
    const result: TurnResult = {
      ...this.blank(turn),
      status: answer.status,
      speech: speechText(body.fulfillmentText),
      reprompt: speechText(google?.noInputPrompts?.[0]?.displayText ?? google?.noInputPrompts?.[0]?.textToSpeech),
      ...(card ? { card: { type: 'Card', title: card.title, text: card.subtitle } } : {}),
      // The phone gateway's messages (a call transfer) count as Google's directives: `TELEPHONY.telephonyTransferCall`.
      directives: telephonyMessages(body.fulfillmentMessages),
      endSession: ended,
      state: this.sessionState(),
      sessionId,
      newSession: this.isNew,
      request,
      response: body,
    };
    this.isNew = false;
    if (ended) {
      this.sessionId = undefined;
      this.contexts.clear();
    }
    return result;
  }

  /** One turn passes: lifespans count down, then the answer's contexts are set (lifespan 0 deletes). */
  private advanceContexts(outputContexts: unknown): void {
    for (const [name, c] of this.contexts) {
      if (c.lifespanCount <= 1) this.contexts.delete(name);
      else c.lifespanCount--;
    }
    for (const c of Array.isArray(outputContexts) ? outputContexts : []) {
      const name = String(c?.name ?? '').split('/').pop()!.toLowerCase();
      if (!name || name.startsWith('__')) continue;
      const lifespan = typeof c.lifespanCount === 'number' ? c.lifespanCount : 5;
      if (lifespan <= 0) this.contexts.delete(name);
      else this.contexts.set(name, { name, lifespanCount: lifespan, parameters: c.parameters ?? {} });
    }
  }

  private sessionState(): Record<string, unknown> {
    const raw = this.contexts.get('shopvoice_session')?.parameters?.state;
    if (typeof raw !== 'string') return {};
    // A sealing server's state is one opaque token, shown as such (as Alexa's `{ s }`).
    if (raw.startsWith('v1.')) return { s: raw };
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  private blank(turn: Turn): TurnResult {
    const display = turn.intent.name;
    const shared = display === (this.model.welcomeIntent ?? 'Default Welcome Intent') ? LAUNCH : sharedIntentForDialogflow(display) ?? display;
    return {
      ...(turn.utterance !== undefined ? { utterance: turn.utterance } : {}),
      ...(turn.heard !== undefined ? { heard: turn.heard } : {}),
      platform: 'google',
      locale: this.locale,
      kind: shared === LAUNCH ? 'launch' : 'intent',
      intent: shared,
      invocation: turn.invocation,
      slots: shared === LAUNCH ? {} : slotViews(turn.slots),
      confirmationStatus: 'NONE',
      runnerUps: turn.runnerUps,
      match: turn.match ?? 'literal',
      score: turn.score ?? 1,
      speech: '',
      reprompt: '',
      directives: [],
      endSession: false,
      state: this.sessionState(),
      sessionId: this.sessionId ?? '',
      newSession: false,
      inDialog: false,
      answeredByDialog: false,
      status: 200,
      request: undefined,
      response: undefined,
    };
  }
}

/** Dialogflow's `TELEPHONY` fulfillment messages as directives, named `TELEPHONY.<message>`. */
function telephonyMessages(messages: unknown): TurnResult['directives'] {
  if (!Array.isArray(messages)) return [];
  return messages
    .filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null && (m as { platform?: unknown }).platform === 'TELEPHONY')
    .flatMap((m) => Object.entries(m).filter(([key]) => key !== 'platform').map(([key, value]) => ({ type: `TELEPHONY.${key}`, ...(value as object) })));
}
