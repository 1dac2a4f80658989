import type { DateTime } from 'luxon';
import type { Logger } from '../../domain/deps.js';
import type { SessionSealer } from '../../domain/session-seal.js';
import { headerOf, isJsonType, jsonAnswer, jsonText, refusedBeforeBody, type HttpAnswer, type HttpCall, type PlatformEndpoint } from '../endpoint.js';
import { detachedContext, type RequestContext, type TurnHandler } from '../request-context.js';
import { hasReadableFields, isAlexaEnvelope, MAX_JSON_DEPTH, nestedDeeperThan, skillIdOf } from './request-shape.js';
import { createAlexaSkill, type AlexaSkillOptions } from './skill.js';
import type { RequestHeaders } from './verifier/index.js';

/** Verifies that a raw request comes from Alexa; throws on any failure. */
export interface AlexaRequestVerifier {
  verify(headers: RequestHeaders, rawBody: Buffer, body: unknown): Promise<void>;
}

export interface AlexaEndpointOptions {
  handleTurn: TurnHandler;
  /** Deletes what is stored for a user (`AlexaSkillEvent.SkillDisabled`). */
  forgetUser(userId: string): Promise<number>;
  /** Signature, certificate and timestamp checks; undefined when verification is off or the caller is Alexa's own trigger. */
  verifier?: AlexaRequestVerifier;
  /** Accepted skill ids; empty accepts any. */
  skillIds: readonly string[];
  /** Largest accepted body in bytes; default {@link MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** Fixed clock (tests); default: each request's own timestamp. */
  clock?: () => DateTime;
  /**
   * Seals the session attributes (`{ "s": <token> }`) to the request's user and session; what
   * comes back unsealed, foreign or tampered is ignored (empty state, a `session.forged` warning).
   * Absent: the state travels as plain JSON (tests, the simulator).
   */
  sessionSealer?: SessionSealer;
  /** Where a call without a context of its own logs. */
  log: Logger;
  /** Skill events after the built-in handling (`AlexaSkillOptions.onSkillEvent`). */
  onSkillEvent?: AlexaSkillOptions['onSkillEvent'];
}

/** The default body limit: a real Alexa request is 2–8 KiB. */
export const MAX_BODY_BYTES = 128 * 1024;

/** Amazon's certification probes invalid requests and expects exactly a 400 with a generic body (platform-rules.md, rule 7). */
const refuse = (status: number, error: string): HttpAnswer => jsonAnswer(status, { error });

/**
 * `POST /alexa` as one neutral function: method and encoding, body size, content type, JSON and
 * its depth, verification over the raw bytes, shape and skill id, then the skill. The server's
 * node:http front, the Lambda handlers and the tests translate into it, so all answer byte for
 * byte alike.
 *
 * @example
 *   const alexa = createAlexaEndpoint({ handleTurn, forgetUser: (id) => state.forgetUser(id), skillIds: [], log });
 *   const answer = await alexa({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
 */
export function createAlexaEndpoint(options: AlexaEndpointOptions): PlatformEndpoint {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const skill = createAlexaSkill(options);
  const { verifier, skillIds } = options;
  return async (call: HttpCall, context: RequestContext = detachedContext(options.log)) => {
    const early = refusedBeforeBody(call);
    if (early) return early;
    if (call.body.length > limit) return refuse(413, 'request body too large');
    if (!isJsonType(headerOf(call, 'content-type'))) return refuse(415, 'content type must be application/json');
    let body: unknown;
    try {
      body = JSON.parse(call.body.toString('utf8'));
    } catch {
      return refuse(400, 'malformed JSON');
    }
    context.body = body;
    // Real Alexa requests nest about ten levels; a deeper body is bad input, and must not reach
    // code that walks it recursively (JSON.stringify of echoed attributes, the SDK).
    if (nestedDeeperThan(body, MAX_JSON_DEPTH)) return refuse(400, 'request nested too deeply');
    if (verifier) {
      try {
        await verifier.verify(call.headers, call.body, body);
      } catch (error) {
        context.log.warn({ event: 'alexa.rejected', reason: (error as Error).message ?? 'verification failed' }, 'alexa request rejected');
        return refuse(400, 'invalid request');
      }
    }
    if (!isAlexaEnvelope(body) || !hasReadableFields(body)) return refuse(400, 'not an Alexa request');
    const skillId = skillIdOf(body);
    if (skillId === undefined || (skillIds.length > 0 && !skillIds.includes(skillId))) {
      context.log.warn({ event: 'alexa.rejected', reason: 'skill id not accepted' }, 'alexa request rejected');
      return refuse(400, 'invalid request');
    }
    try {
      return jsonText(200, JSON.stringify(await skill.invoke(body, context)));
    } catch (error) {
      context.log.error({ event: 'alexa.failed', err: error }, 'alexa request failed');
      context.outcome = 'failed';
      return refuse(500, 'internal error');
    }
  };
}
