import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { AppDeps } from '../../server/app.js';
import { answerAlexaRequest, type AlexaRouteOptions } from './answer-alexa-request.js';
import { alexaVerifierFromConfig } from './configured-verifier.js';
import { createAlexaSkill } from './skill.js';
import { verifySkillId, type AlexaVerifier } from './verifier/index.js';

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
  route: AlexaRouteOptions;
}

function isHttpEvent(event: unknown): event is HttpEvent {
  return typeof event === 'object' && event !== null && 'headers' in event && 'body' in event && !('request' in event);
}

/**
 * The async Lambda handler (platform-rules.md, rule 9: Node 24 Lambda dropped callback handlers).
 * Invoked by ARN, Alexa's own trigger vouches for the caller, so only the skill id is checked;
 * behind API Gateway or a function URL the request goes through exactly the checks of
 * `POST /alexa` (`answerAlexaRequest`). Deps are opened once per container; a failed opening is
 * retried on the next event.
 *
 * @example export const handler = createAlexaLambdaHandler(() => openDeps(config, log));
 */
export function createAlexaLambdaHandler(openDeps: () => Promise<AppDeps>, options: { verifier?: AlexaVerifier } = {}): AlexaLambdaHandler {
  let container: Promise<Container> | undefined;
  const ready = (): Promise<Container> => {
    container ??= openDeps().then((deps) => ({
      route: {
        skill: createAlexaSkill(deps),
        skillIds: deps.config.alexa.skillIds,
        verifier: deps.config.alexa.verify ? options.verifier ?? alexaVerifierFromConfig(deps.config.alexa) : undefined,
      },
    }), (error: unknown) => {
      container = undefined;
      throw error;
    });
    return container;
  };

  return async (event) => {
    const { route } = await ready();
    if (!isHttpEvent(event)) {
      verifySkillId(event, route.skillIds);
      return route.skill.invoke(event);
    }
    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(event.headers ?? {})) if (typeof value === 'string') headers[key.toLowerCase()] = value;
    const answer = await answerAlexaRequest(route, headers, raw);
    return { statusCode: answer.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: answer.json };
  };
}

/** The deps the environment configures (as `shopvoice serve`), loaded on the first event. */
async function openFromEnvironment(): Promise<AppDeps> {
  const { openDepsFromEnvironment } = await import('../../server/open-deps.js');
  return openDepsFromEnvironment();
}

/** The Lambda entry point: configure the function's handler as `…/platforms/alexa/lambda.handler`. */
export const handler: AlexaLambdaHandler = createAlexaLambdaHandler(openFromEnvironment);
