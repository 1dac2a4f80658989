import type { Logger } from '../domain/deps.js';
import type { VoiceReply, VoiceTurn } from '../domain/turn.js';

/** How a request to a platform route ended, for the latency histogram. */
export type RequestOutcome = VoiceReply['outcome'] | 'event' | 'rejected' | 'failed';

/**
 * What belongs to one platform request while it is answered, created by the transport (the
 * server's front, a Lambda handler, a test) and handed to the endpoint with the call. It is passed
 * explicitly rather than kept in an AsyncLocalStorage: on Node 20 that hooks every promise of
 * every request (bench/NOTES.md).
 */
export interface RequestContext {
  /** This request's logger: request id bound, and the tokens the parsed `body` carries masked. */
  readonly log: Logger;
  /** `performance.now()` instant by which every catalog call of the reply must have ended. */
  readonly deadline: number;
  /** The parsed request body, set by the endpoint once it has one (the logger masks its tokens). */
  body?: unknown;
  /** How the request ended, set by the turn handler or the endpoint (metrics). */
  outcome?: RequestOutcome;
}

/**
 * The one turn handler both platforms receive: the domain's `handleTurn`, wrapped once by the
 * composition root (server/) with the reply budget, the metrics and the request's logger.
 *
 * @example const reply = await handleTurn(toVoiceTurn(envelope), context);
 */
export type TurnHandler = (turn: VoiceTurn, context: RequestContext) => Promise<VoiceReply>;

/**
 * A context for a call that has no transport around it (tests, the simulator): no deadline.
 *
 * @example await alexa(call, detachedContext(silentLogger))
 */
export function detachedContext(log: Logger): RequestContext {
  return { log, deadline: Infinity };
}
