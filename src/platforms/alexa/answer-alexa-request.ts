import type { IncomingHttpHeaders } from 'node:http';
import type { Logger, TurnDeps } from '../../domain/deps.js';
import { hasReadableFields, isAlexaEnvelope, MAX_JSON_DEPTH, nestedDeeperThan, skillIdOf } from './request-shape.js';
import type { AlexaSkill } from './skill.js';

/** Verifies that a raw request comes from Alexa; throws on any failure. */
export interface AlexaRequestVerifier {
  verify(headers: IncomingHttpHeaders, rawBody: Buffer, body: unknown): Promise<void>;
}

export interface AlexaRouteOptions {
  skill: AlexaSkill;
  /** Full signature/certificate/timestamp verification; undefined when verification is off. */
  verifier?: AlexaRequestVerifier;
  /** Accepted skill ids; empty accepts any. */
  skillIds: string[];
  /** Largest accepted body in bytes. */
  maxBodyBytes?: number;
  /** Where refused and failed requests are logged, unless the call brings its own logger. */
  log?: Logger;
}

/** What one call brings besides its bytes. */
export interface AlexaCall {
  /** The request's deps (its logger, its reply-bounded catalog, its reply listener). */
  deps?: TurnDeps;
  /** Sees the parsed body before the turn runs (the request's logger masks its tokens). */
  onParsed?: (body: unknown) => void;
}

/** The answer to one Alexa request: HTTP status and the JSON text to send. */
export interface AlexaAnswer {
  status: number;
  json: string;
}

const rejection = (status: number, error: string): AlexaAnswer => ({ status, json: JSON.stringify({ error }) });

/**
 * Everything after the body is read: content type, JSON, depth, verification over the raw
 * bytes, shape and skill-id checks, then the skill. Shared by the express route, the plain Node
 * handler and the Lambda handler behind API Gateway, so all three answer byte for byte alike.
 */
export async function answerAlexaRequest(
  options: AlexaRouteOptions,
  headers: IncomingHttpHeaders,
  raw: Buffer,
  call: AlexaCall = {},
): Promise<AlexaAnswer> {
  const log = call.deps?.log ?? options.log;
  const contentType = String(headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(contentType)) return rejection(415, 'content type must be application/json');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return rejection(400, 'malformed JSON');
  }
  call.onParsed?.(body);
  // Real Alexa requests nest about ten levels; a deeper body is bad input, and must not reach
  // code that walks it recursively (JSON.stringify of echoed attributes, the SDK).
  if (nestedDeeperThan(body, MAX_JSON_DEPTH)) return rejection(400, 'request nested too deeply');
  if (options.verifier) {
    try {
      await options.verifier.verify(headers, raw, body);
    } catch (error) {
      log?.warn({ event: 'alexa.rejected', reason: (error as Error).message ?? 'verification failed' }, 'alexa request rejected');
      return rejection(400, 'invalid request');
    }
  }
  if (!isAlexaEnvelope(body) || !hasReadableFields(body)) return rejection(400, 'not an Alexa request');
  const skillId = skillIdOf(body);
  if (skillId === undefined || (options.skillIds.length > 0 && !options.skillIds.includes(skillId))) {
    log?.warn({ event: 'alexa.rejected', reason: 'skill id not accepted' }, 'alexa request rejected');
    return rejection(400, 'invalid request');
  }
  try {
    return { status: 200, json: JSON.stringify(await options.skill.invoke(body, call.deps)) };
  } catch (error) {
    log?.error({ event: 'alexa.failed', err: error }, 'alexa request failed');
    return rejection(500, 'internal error');
  }
}
