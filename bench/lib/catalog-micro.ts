import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestEnvelope } from 'ask-sdk-model';
import type { Commerce } from '../../src/catalog/commerce.js';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { resilientCommerce } from '../../src/catalog/resilient-commerce.js';
import { silentLogger } from '../../src/domain/deps.js';
import { handleTurn } from '../../src/domain/handle-turn.js';
import type { VoiceReply } from '../../src/domain/turn.js';
import { toVoiceTurn } from '../../src/platforms/alexa/to-voice-turn.js';
import type { StateStore } from '../../src/state/state-store.js';
import { TEST_SKILL_ID } from '../../test/support/alexa-requests.js';
import { alexaBody, type AlexaTurnName } from './alexa-requests.js';
import { median } from './stats.js';

/** One catalog call a turn made: the method and its arguments, to be made again. */
interface Call {
  method: keyof Commerce;
  args: unknown[];
}

/** The matcher's cost against a resolved-id turn's catalog access, CPU µs per operation (issue 20). */
export interface MatcherMicro {
  /** The catalog calls the resolved-id ProductLookup turn made, in order. */
  resolvedCalls: string[];
  /** CPU µs for all of them, made again in that order. */
  resolvedUs: number;
  /** The catalog calls the unresolved turn made (for the reader: where the matcher sits). */
  unresolvedCalls: string[];
  /** The spoken query and CPU µs of the matcher's one search (`findProducts`, as the unresolved turn calls it). */
  matcherQuery: string;
  matcherUs: number;
  /** matcherUs ÷ resolvedUs. */
  ratio: number;
  rounds: number;
  opsPerRound: number;
}

/** A commerce that notes every call it passes on. */
function recording(shop: Commerce, calls: Call[]): Commerce {
  return new Proxy(shop, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push({ method: key as keyof Commerce, args });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** A product turn touches no state; anything that does would say so here. */
const NO_STATE = new Proxy({}, { get: (_t, key) => { throw new Error(`the micro-benchmark's turn used the state store (${String(key)})`); } }) as StateStore;

/** Runs a turn through the domain as the Alexa endpoint would, and returns its reply and catalog calls. */
async function turnCalls(shop: Commerce, turn: AlexaTurnName): Promise<{ reply: VoiceReply; calls: Call[] }> {
  const calls: Call[] = [];
  const envelope = alexaBody(turn, TEST_SKILL_ID) as unknown as RequestEnvelope;
  const reply = await handleTurn(toVoiceTurn(envelope), { commerce: recording(shop, calls), state: NO_STATE, log: silentLogger });
  return { reply, calls };
}

async function cpuPerOp(op: () => Promise<unknown>, count: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await op();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

/**
 * In this process, on the embedded demo shop behind the same resilient wrapper the server puts
 * around it: the catalog calls of a resolved-id ProductLookup turn (recorded from the domain
 * itself, so the figure follows the code) against the matcher's one search of the unresolved
 * turn ("barista hafermilch"). Rounds alternate between the two; the figures are the median rounds.
 */
export async function measureMatcherMicro(options: { rounds?: number; ops?: number } = {}): Promise<MatcherMicro> {
  const rounds = options.rounds ?? 7;
  const ops = options.ops ?? 2000;
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-bench-matcher-'));
  const embedded = await openEmbeddedShop({ dataDir: dir });
  try {
    const shop = resilientCommerce(embedded, { timeoutMs: 1500 });
    const resolved = await turnCalls(shop, 'ProductLookupIntent');
    const unresolved = await turnCalls(shop, 'ProductLookup-unresolved');
    for (const [name, r] of [['resolved', resolved], ['unresolved', unresolved]] as const) {
      if (!/kostet/.test(r.reply.speech?.text ?? '')) throw new Error(`matcher micro-benchmark: the ${name} turn answered "${r.reply.speech?.text}"`);
    }
    const search = unresolved.calls.find((c) => c.method === 'findProducts');
    if (!search) throw new Error('matcher micro-benchmark: the unresolved turn made no findProducts call');
    const call = (c: Call) => (shop[c.method] as (...a: unknown[]) => Promise<unknown>).apply(shop, c.args);
    const resolvedAccess = async () => {
      for (const c of resolved.calls) await call(c);
    };
    const matcherQuery = () => call(search);
    await cpuPerOp(resolvedAccess, ops);
    await cpuPerOp(matcherQuery, ops);
    const r: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < rounds; i++) {
      r.push(await cpuPerOp(resolvedAccess, ops));
      m.push(await cpuPerOp(matcherQuery, ops));
    }
    const resolvedUs = median(r);
    const matcherUs = median(m);
    const name = (c: Call) => String(c.method);
    return {
      resolvedCalls: resolved.calls.map(name),
      resolvedUs,
      unresolvedCalls: unresolved.calls.map(name),
      matcherQuery: String(search.args[0]),
      matcherUs,
      ratio: matcherUs / resolvedUs,
      rounds,
      opsPerRound: ops,
    };
  } finally {
    await embedded.close?.();
    await rm(dir, { recursive: true, force: true });
  }
}
