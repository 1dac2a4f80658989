import { randomUUID } from 'node:crypto';
import type { AutocannonRequest } from 'autocannon';
import { contextsAfter } from '../../test/google/dialogflow-requests.js';
import { alexaBody, signedAlexaRequest, type AlexaSession, type AlexaTurnName } from './alexa-requests.js';
import { googleRequest, googleRequests, type GoogleSession } from './google-requests.js';
import { sendOnce, type Answer } from './http-once.js';
import type { Platform } from './report.js';
import { fixedPool, signedAlexaPool, type AlexaSigning, type RequestPool } from './request-pool.js';
import type { ShopvoiceRole } from './servers.js';

/** The turns, by the same name on both platforms (bench/lib/alexa-requests.ts, google-requests.ts). */
export type TurnName = AlexaTurnName;

/** What a scenario's answer must say, so that a run never measures an error or a fallback unnoticed. */
interface Expectation {
  /** The kind of answer, for the failure message. */
  kind: string;
  /** Every one must match the speech as text. */
  speech: RegExp[];
  /** The conversation stays open (a question, or an answer with "anything else?"). */
  open: boolean;
}

/** One kind of turn: what it is, and what its answer says on the demo shop. */
interface TurnDef {
  name: TurnName;
  label: string;
  expect: Expectation;
  /** A follow-up: the turn before it in the same session, whose answer's state it carries back. */
  after?: TurnName;
}

const ANYTHING_ELSE = /Kann ich sonst noch etwas für dich tun\?$/;

const TURNS: TurnDef[] = [
  { name: 'ProductLookupIntent', label: 'ProductLookup resolved id', expect: { kind: 'answer with the price', speech: [/Spülmittel Zitrone 500 ml kostet \d/, ANYTHING_ELSE], open: true } },
  { name: 'ProductLookup-unresolved', label: 'ProductLookup unresolved → answer', expect: { kind: 'answer with the price (matcher)', speech: [/Barista Hafermilch 1 l kostet \d/, ANYTHING_ELSE], open: true } },
  { name: 'ProductLookup-ambiguous', label: 'ProductLookup unresolved → which one?', expect: { kind: 'question naming the candidates', speech: [/mehrere passende Produkte: .*Hafermilch.* oder .*Hafermilch/, /Welches meinst du\?$/], open: true } },
  { name: 'ProductLookup-notfound', label: 'ProductLookup not in the catalog', expect: { kind: '"we do not carry it"', speech: [/„gartenzwerg“ führen wir leider nicht/], open: true } },
  { name: 'ProductLookup-followup', label: 'follow-up "was kostet die?" (context)', after: 'ProductLookup-unresolved', expect: { kind: 'answer about the product before', speech: [/Barista Hafermilch 1 l kostet \d/, ANYTHING_ELSE], open: true } },
  { name: 'StoreHoursIntent', label: 'StoreHours München, Saturday', expect: { kind: 'opening hours', speech: [/München/, /Samstag|geschlossen/, /geöffnet|geschlossen/], open: true } },
  { name: 'OrderStatusIntent', label: 'OrderStatus (linked)', expect: { kind: 'latest order', speech: [/10042/], open: true } },
  { name: 'ReorderIntent', label: 'Reorder read-back (linked)', expect: { kind: 'read-back and question', speech: [/Bestellung 10042/, /Zusammen \d/, /Soll ich das so bestellen\?$/], open: true } },
];

/** A shopvoice scenario: one turn on one platform against one of the run's servers. */
export interface ShopvoiceScenarioDef {
  id: string;
  label: string;
  platform: Exclude<Platform, 'any'>;
  role: ShopvoiceRole;
  turn: TurnDef;
}

const roleLabel: Record<ShopvoiceRole, string> = { shopvoice: '', record: ' [recording on]', norecord: ' [recording off]', shopware: ' [Shopware]', noverify: ' [verification off, as the baselines]' };
const idOf = (platform: string, turn: TurnName, role: ShopvoiceRole) =>
  role === 'shopware' ? `shopware-${platform}-${turn}` : `${platform}-${turn}${role === 'shopvoice' ? '' : `-${role}`}`;

function scenario(platform: 'alexa' | 'google', turn: TurnDef, role: ShopvoiceRole): ShopvoiceScenarioDef {
  return { id: idOf(platform, turn.name, role), label: `/${platform} ${turn.label}${roleLabel[role]}`, platform, role, turn };
}

const turn = (name: TurnName) => TURNS.find((t) => t.name === name)!;

/**
 * Every shopvoice scenario of a run: each turn on both platforms against the default server;
 * the follow-up (state sealed in and out, the turn recorded) again on two servers of its own, one
 * recording and one not, which serve nothing else (so the pair differs only in the setting, not in
 * the traffic mix the default server's JIT and caches have seen); ProductLookup resolved and
 * unresolved through the Shopware adapter.
 */
export const SHOPVOICE_SCENARIOS: ShopvoiceScenarioDef[] = [
  ...TURNS.map((t) => scenario('alexa', t, 'shopvoice')),
  ...TURNS.map((t) => scenario('google', t, 'shopvoice')),
  scenario('alexa', turn('ProductLookup-followup'), 'record'),
  scenario('google', turn('ProductLookup-followup'), 'record'),
  scenario('alexa', turn('ProductLookup-followup'), 'norecord'),
  scenario('google', turn('ProductLookup-followup'), 'norecord'),
  scenario('alexa', turn('ProductLookupIntent'), 'shopware'),
  scenario('alexa', turn('ProductLookup-unresolved'), 'shopware'),
  scenario('alexa', turn('ProductLookupIntent'), 'noverify'),
];

/** The scenario that compares like with like: /alexa without the signature check, as the ask-sdk-core baselines run. */
export const UNVERIFIED_ALEXA = idOf('alexa', 'ProductLookupIntent', 'noverify');

/** The pair whose ratio is the recording overhead (issue 18): the same turn, recorded ÷ not. */
export const RECORDING_PAIRS = (['alexa', 'google'] as const).map((p) => ({ platform: p, recorded: idOf(p, 'ProductLookup-followup', 'record'), unrecorded: idOf(p, 'ProductLookup-followup', 'norecord') }));

/** The Shopware scenarios and the embedded ones they are judged against (issue 16). */
export const SHOPWARE_PAIRS = SHOPVOICE_SCENARIOS.filter((s) => s.role === 'shopware').map((s) => ({ shopware: s.id, embedded: idOf(s.platform, s.turn.name, 'shopvoice') }));

export function findScenario(id: string): ShopvoiceScenarioDef | undefined {
  return SHOPVOICE_SCENARIOS.find((s) => s.id === id);
}

/** What a platform's answer said: speech as text, whether the session stays open, the state it carries. */
interface Heard {
  speech: string;
  open: boolean;
  /** Alexa: session attributes; Google: the contexts to send back. */
  alexaAttributes?: Record<string, unknown>;
  googleContexts?: ReturnType<typeof contextsAfter>;
}

const text = (ssml: string) => ssml.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

function hear(platform: 'alexa' | 'google', answer: Answer): Heard {
  const json = JSON.parse(answer.body) as Record<string, any>;
  if (platform === 'alexa') {
    return { speech: text(String(json.response?.outputSpeech?.ssml ?? json.response?.outputSpeech?.text ?? '')), open: json.response?.shouldEndSession === false, alexaAttributes: json.sessionAttributes };
  }
  return { speech: text(String(json.fulfillmentText ?? '')), open: json.payload?.google?.expectUserResponse !== false && contextsAfter(json as never).length > 0, googleContexts: contextsAfter(json as never) };
}

/** Checks one answer against the scenario's expectation; throws with what was said instead. */
export function checkAnswer(def: ShopvoiceScenarioDef, answer: Answer): Heard {
  const where = `${def.id} (${def.label})`;
  if (answer.status !== 200) throw new Error(`${where}: answered ${answer.status}, not 200: ${answer.body.slice(0, 300)}`);
  const heard = hear(def.platform, answer);
  const e = def.turn.expect;
  const missing = e.speech.filter((re) => !re.test(heard.speech));
  if (missing.length > 0 || heard.open !== e.open) {
    throw new Error(`${where}: expected ${e.kind}${e.open ? ' (session open)' : ''}, got ${heard.open ? 'open' : 'closed'} session: "${heard.speech}" (missing ${missing.join(', ')})`);
  }
  return heard;
}

/** What building a scenario's requests needs. */
export interface PoolSite {
  signing: AlexaSigning;
  size: number;
}

/**
 * The scenario's requests against `baseUrl`. A follow-up's sessions are made by the server
 * itself: the turn before is sent once per pool entry, each in its own session, and the
 * follow-up carries back exactly the (sealed) state that answer set — sealed state cannot be
 * forged. The first request of the pool is sent once and its answer checked.
 */
export async function scenarioPool(def: ShopvoiceScenarioDef, baseUrl: string, site: PoolSite): Promise<{ pool: RequestPool; heard: Heard }> {
  let pool: RequestPool;
  const before = def.turn.after;
  if (def.platform === 'alexa') {
    let sessions: AlexaSession[] | undefined;
    if (before) {
      sessions = [];
      for (let i = 0; i < site.size; i++) {
        const session: AlexaSession = { sessionId: `amzn1.echo-api.session.${randomUUID()}`, isNew: true };
        const first = await sendOnce(baseUrl, signedAlexaRequest(alexaBody(before, site.signing.skillId, new Date(), session), site.signing.leafKey, site.signing.certUrl));
        const heard = checkAnswer({ ...def, turn: turn(before) }, first);
        if (typeof heard.alexaAttributes?.s !== 'string') throw new Error(`${def.id}: the answer before the follow-up set no sealed state: ${JSON.stringify(heard.alexaAttributes)}`);
        sessions.push({ sessionId: session.sessionId, attributes: heard.alexaAttributes });
      }
    }
    pool = signedAlexaPool(def.turn.name, site.size, site.signing, sessions);
  } else {
    let requests: AutocannonRequest[];
    if (before) {
      requests = [];
      for (let i = 0; i < site.size; i++) {
        const session: GoogleSession = { sessionId: randomUUID(), contexts: [] };
        const heard = checkAnswer({ ...def, turn: turn(before) }, await sendOnce(baseUrl, googleRequest(before, { session })));
        const state = heard.googleContexts?.find((c) => c.name.endsWith('/shopvoice_session'))?.parameters?.state;
        if (typeof state !== 'string' || !state.startsWith('v1.')) throw new Error(`${def.id}: the answer before the follow-up set no sealed state: ${JSON.stringify(heard.googleContexts)}`);
        requests.push(googleRequest(def.turn.name, { session: { ...session, contexts: heard.googleContexts! } }));
      }
    } else {
      requests = googleRequests(def.turn.name, site.size);
    }
    pool = fixedPool(requests);
  }
  const heard = checkAnswer(def, await sendOnce(baseUrl, pool.current()[0]!));
  return { pool, heard };
}
