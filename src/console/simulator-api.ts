import { randomUUID } from 'node:crypto';
import type { Platform } from '../domain/turn.js';
import { remember } from '../remember.js';
import { clockAt, DEFAULT_TIME_ZONE, openConversation, type Conversation } from '../simulator/conversation.js';
import type { ModelSet } from '../simulator/model-set.js';
import type { ScriptRun } from '../simulator/run-script.js';
import { runScripts } from '../simulator/run-scripts.js';
import { parseScript, ScriptError } from '../simulator/script-format.js';
import type { Transport } from '../simulator/transport.js';
import type { TurnResult } from '../simulator/turn-result.js';

export interface SimulatorDeps {
  models: ModelSet;
  /** Where typed sentences go: the app's own adapters in process (`inProcessTransport(deps)`). */
  transport: Transport;
  /** Runs a pasted script; default: `runScripts` on fresh copies of the demo shop. */
  runScripts?: typeof runScripts;
}

/** What the page shows of one turn on one platform. */
export interface TurnView {
  intent: string;
  /** How the sentence became the intent and how sure the recogniser was (null: it reports no score). */
  recognised: { by: string; confidence: number | null; runnerUps: string[] };
  invocation: TurnResult['invocation'];
  slots: TurnResult['slots'];
  speech: string;
  reprompt: string;
  card?: TurnResult['card'];
  endSession: boolean;
  sessionId: string;
  status: number;
  request: unknown;
  response: unknown;
}

export interface SimulateInput {
  conversation?: string;
  locale: string;
  say?: string;
  launch?: boolean;
  accessToken?: string;
  clock: string;
}

const PLATFORMS: readonly Platform[] = ['alexa', 'google'];
const MAX_OPEN = 200;

/**
 * How the simulator recognised a turn. The statistical recogniser (being added to the simulator)
 * reports `recognition: { by, confidence }`; until a turn carries it, a matched sample is literal
 * and an intent named by the step is explicit.
 */
export function recognisedAs(result: TurnResult): TurnView['recognised'] {
  const reported = (result as TurnResult & { recognition?: { by?: string; confidence?: number } }).recognition;
  const by = reported?.by ?? (result.invocation === 'explicit' ? 'explicit' : result.intent === 'AMAZON.FallbackIntent' ? 'none' : 'literal');
  return { by, confidence: reported?.confidence ?? null, runnerUps: result.runnerUps.map((r) => r.intent) };
}

function view(result: TurnResult): TurnView {
  return {
    intent: result.intent,
    recognised: recognisedAs(result),
    invocation: result.invocation,
    slots: result.slots,
    speech: result.speech,
    reprompt: result.reprompt,
    ...(result.card ? { card: result.card } : {}),
    endSession: result.endSession,
    sessionId: result.sessionId,
    status: result.status,
    request: result.request,
    response: result.response,
  };
}

export class SimulatorInputError extends Error {}

/**
 * The console's simulator: every sentence goes to an Alexa and a Dialogflow conversation at once,
 * so both platforms' requests and responses can be read side by side. Open conversations live
 * in this process (at most 200, the oldest dropped), each bound to the console session that
 * opened it: a tester's tool, not customer state.
 */
export function consoleSimulator(deps: SimulatorDeps) {
  const open = new Map<string, { owner: string; platforms: Record<Platform, Conversation> }>();

  return {
    async turn(owner: string, input: SimulateInput): Promise<{ conversation: string; turns: Record<Platform, TurnView> }> {
      if (typeof input.clock !== 'string') throw new SimulatorInputError('clock (ISO 8601) is required');
      let clock;
      try {
        clock = clockAt(input.clock, DEFAULT_TIME_ZONE);
      } catch (err) {
        throw new SimulatorInputError((err as Error).message);
      }
      if (!['de-DE', 'en-US', 'en-GB'].includes(input.locale)) throw new SimulatorInputError('locale is de-DE, en-US or en-GB');
      const say = typeof input.say === 'string' ? input.say.trim().slice(0, 500) : '';
      if (!say && !input.launch) throw new SimulatorInputError('say a sentence');
      let id = input.conversation;
      let entry = id ? open.get(id) : undefined;
      if (!entry || entry.owner !== owner || entry.platforms.alexa.locale !== input.locale) {
        id = randomUUID();
        const opened = await Promise.all(PLATFORMS.map((platform) =>
          openConversation({ platform, locale: input.locale, models: deps.models, transport: deps.transport, clock: input.clock, seed: id })));
        entry = remember(open, id, { owner, platforms: { alexa: opened[0]!, google: opened[1]! } }, MAX_OPEN);
      }
      const turns = {} as Record<Platform, TurnView>;
      for (const platform of PLATFORMS) {
        const conversation = entry.platforms[platform];
        conversation.settings.clock = clock;
        if (input.accessToken?.trim()) conversation.settings.accessToken = input.accessToken.trim();
        else delete conversation.settings.accessToken;
        turns[platform] = view(await conversation.turn(say ? { utterance: say } : { launch: true }));
      }
      return { conversation: id!, turns };
    },

    async script(yaml: string, clock: string) {
      let script;
      try {
        script = parseScript(yaml, 'console.yaml');
      } catch (err) {
        if (err instanceof ScriptError || (err as Error).name === 'YAMLParseError') throw new SimulatorInputError((err as Error).message);
        throw err;
      }
      const runs: ScriptRun[] = await (deps.runScripts ?? runScripts)([script], { models: deps.models, now: clock });
      return {
        passed: runs.every((r) => r.passed),
        runs: runs.map((r) => ({
          platform: r.platform,
          locale: r.locale,
          passed: r.passed,
          steps: r.steps.map((s) => ({ label: s.label, skipped: s.skipped ?? false, failures: s.failures, intent: s.result?.intent, speech: s.result?.speech })),
        })),
      };
    },
  };
}
