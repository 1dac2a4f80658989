import { readFileSync } from 'node:fs';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { AppDeps } from '../../server/app.js';
import { isAlexaEnvelope } from './request-shape.js';
import { createAlexaSkill, type AlexaSkill } from './skill.js';
import { createAlexaVerifier, splitPemCertificates, verifySkillId, type AlexaVerifier } from './verifier/index.js';

/** An API Gateway (REST or HTTP API) or function-URL event: the full HTTP check applies. */
interface HttpEvent {
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type AlexaLambdaHandler = (event: RequestEnvelope | HttpEvent) => Promise<ResponseEnvelope | HttpResult>;

interface Container {
  skill: AlexaSkill;
  skillIds: string[];
  verifier?: AlexaVerifier;
}

function isHttpEvent(event: unknown): event is HttpEvent {
  return typeof event === 'object' && event !== null && 'headers' in event && 'body' in event && !('request' in event);
}

function http(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

/**
 * The async Lambda handler (platform-rules.md, rule 9: Node 24 Lambda dropped callback handlers).
 * Invoked by ARN, Alexa's own trigger vouches for the caller, so only the skill id is checked;
 * behind API Gateway or a function URL the request is verified exactly like `POST /alexa`.
 * Deps are opened once per container; a failed opening is retried on the next event.
 *
 * @example export const handler = createAlexaLambdaHandler(() => openDeps(config, log));
 */
export function createAlexaLambdaHandler(openDeps: () => Promise<AppDeps>, options: { verifier?: AlexaVerifier } = {}): AlexaLambdaHandler {
  let container: Promise<Container> | undefined;
  const ready = (): Promise<Container> => {
    container ??= openDeps().then((deps) => {
      const extra = deps.config.alexa.extraRootsFile ? splitPemCertificates(readFileSync(deps.config.alexa.extraRootsFile, 'utf8')) : [];
      return {
        skill: createAlexaSkill(deps),
        skillIds: deps.config.alexa.skillIds,
        verifier: !deps.config.alexa.verify ? undefined : options.verifier ?? createAlexaVerifier({ skillIds: deps.config.alexa.skillIds, extraTrustedRoots: extra }) ,
      };
    }, (error: unknown) => {
      container = undefined;
      throw error;
    });
    return container;
  };

  return async (event) => {
    const { skill, skillIds, verifier } = await ready();
    if (!isHttpEvent(event)) {
      verifySkillId(event, skillIds);
      return skill.invoke(event);
    }
    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return http(400, { error: 'malformed JSON' });
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(event.headers ?? {})) if (typeof value === 'string') headers[key.toLowerCase()] = value;
    try {
      if (verifier) await verifier.verify(headers, raw, body);
      verifySkillId(body, skillIds);
    } catch {
      return http(400, { error: 'invalid request' });
    }
    if (!isAlexaEnvelope(body)) return http(400, { error: 'not an Alexa request' });
    return http(200, await skill.invoke(body));
  };
}

async function openFromEnvironment(): Promise<AppDeps> {
  const [{ loadConfig }, { createLogger }, { openDeps }] = await Promise.all([
    import('../../config.js'),
    import('../../server/logger.js'),
    import('../../server/open-deps.js'),
  ]);
  const config = loadConfig();
  return openDeps(config, createLogger(config.logLevel));
}

/** The Lambda entry point: configure the function's handler as `…/platforms/alexa/lambda.handler`. */
export const handler: AlexaLambdaHandler = createAlexaLambdaHandler(openFromEnvironment);
