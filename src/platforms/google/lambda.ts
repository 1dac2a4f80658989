import type { Logger } from '../../domain/deps.js';
import { handleTurn } from '../../domain/handle-turn.js';
import { createGoogleWebhook, type GoogleRouteDeps, type GoogleWebhook, type TurnHandler } from './google-webhook.js';
import { BASIC_CHALLENGE, HTTP_ANSWERS, MAX_BODY_BYTES, type HttpAnswer } from './http-answers.js';
import { createWebhookAuth, type WebhookAuth } from './webhook-auth.js';

/** The parts of an API Gateway event we read: REST API (v1) and HTTP API / function URL (v2). */
export interface ApiGatewayEvent {
  version?: string;
  /** v1 */
  httpMethod?: string;
  /** v2: `requestContext.http.method` */
  requestContext?: { http?: { method?: string } };
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface ApiGatewayResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export type GoogleLambdaHandler = (event: ApiGatewayEvent) => Promise<ApiGatewayResult>;

interface Container {
  auth: WebhookAuth;
  webhook: GoogleWebhook;
  log: Logger;
}

function result(answer: HttpAnswer, headers: Record<string, string> = {}): ApiGatewayResult {
  return {
    statusCode: answer.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(answer.body),
    isBase64Encoded: false,
  };
}

function lowerCaseKeys(headers: ApiGatewayEvent['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) if (typeof value === 'string') out[key.toLowerCase()] = value;
  return out;
}

/**
 * An async Lambda handler for the webhook behind API Gateway (REST or HTTP API) or a function
 * URL. actions-on-google's own Lambda wrapper takes an API Gateway event for the request body
 * and uses callbacks (platform-rules.md, "Google"), hence ours. Deps are opened once per
 * container, on the first event; a failed opening is retried on the next one. The same checks
 * as the express route: POST only, basic auth, JSON of at most 64 KiB (base64 bodies decoded).
 *
 * @example export const handler = createGoogleLambdaHandler(() => openDeps(config, log));
 */
export function createGoogleLambdaHandler(
  openDeps: () => Promise<GoogleRouteDeps>,
  turnHandler: TurnHandler = handleTurn,
): GoogleLambdaHandler {
  let container: Promise<Container> | undefined;
  const ready = (): Promise<Container> => {
    container ??= openDeps().then(
      (deps) => ({
        auth: createWebhookAuth(deps.config.google, deps.log),
        webhook: createGoogleWebhook(deps, turnHandler),
        log: deps.log,
      }),
      (error: unknown) => {
        container = undefined;
        throw error;
      },
    );
    return container;
  };

  return async (event) => {
    const method = event.requestContext?.http?.method ?? event.httpMethod;
    if (method && method.toUpperCase() !== 'POST') return result(HTTP_ANSWERS.methodNotAllowed, { allow: 'POST' });
    const { auth, webhook, log } = await ready();
    const headers = lowerCaseKeys(event.headers);
    if (!auth.allows(headers.authorization)) return result(HTTP_ANSWERS.unauthorized, { 'www-authenticate': BASIC_CHALLENGE });
    const type = headers['content-type'];
    if (type !== undefined && !/^application\/json\b/i.test(type)) return result(HTTP_ANSWERS.notJson);
    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (raw.length > MAX_BODY_BYTES) return result(HTTP_ANSWERS.tooLarge);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return result(HTTP_ANSWERS.malformedJson);
    }
    try {
      return result(await webhook.answer(body));
    } catch (error) {
      log.error({ event: 'google.webhook.failed', err: error }, 'the Google webhook failed');
      return result(HTTP_ANSWERS.internal);
    }
  };
}

/** Opens the deps the environment configures (the same as `shopvoice serve`), loaded on demand. */
async function openFromEnvironment(): Promise<GoogleRouteDeps> {
  const [{ loadConfig }, { createLogger }, { openDeps }] = await Promise.all([
    import('../../config.js'),
    import('../../server/logger.js'),
    import('../../server/open-deps.js'),
  ]);
  const config = loadConfig();
  return openDeps(config, createLogger(config.logLevel));
}

/** The Lambda entry point: configure the function's handler as `…/platforms/google/lambda.handler`. */
export const handler: GoogleLambdaHandler = createGoogleLambdaHandler(openFromEnvironment);
