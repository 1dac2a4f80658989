import { handleTurn } from '../../domain/handle-turn.js';
import { createGoogleWebhook, type GoogleRouteDeps, type TurnHandler } from './google-webhook.js';
import { HTTP_ANSWERS, MAX_BODY_BYTES } from './http-answers.js';
import { createWebhookCallHandler, isJsonType, parseJsonBody, type BodyRead, type CallAnswer, type WebhookCallHandler } from './webhook-call.js';

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

function result(answer: CallAnswer): ApiGatewayResult {
  return {
    statusCode: answer.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...answer.headers },
    body: JSON.stringify(answer.body),
    isBase64Encoded: false,
  };
}

function lowerCaseKeys(headers: ApiGatewayEvent['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) if (typeof value === 'string') out[key.toLowerCase()] = value;
  return out;
}

/** The event's body: 415 for a content type other than JSON (API Gateway may drop it), then at most 64 KiB parsed. */
function readJson(event: ApiGatewayEvent, contentType: string | undefined): BodyRead {
  if (contentType !== undefined && !isJsonType(contentType)) return { refused: HTTP_ANSWERS.notJson };
  const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  return parseJsonBody(raw.length > MAX_BODY_BYTES ? undefined : raw);
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
  let container: Promise<WebhookCallHandler> | undefined;
  const ready = (): Promise<WebhookCallHandler> => {
    container ??= openDeps().then(
      (deps) => createWebhookCallHandler(deps, createGoogleWebhook(deps, turnHandler)),
      (error: unknown) => {
        container = undefined;
        throw error;
      },
    );
    return container;
  };

  return async (event) => {
    const method = event.requestContext?.http?.method ?? event.httpMethod;
    if (method && method.toUpperCase() !== 'POST') return result({ ...HTTP_ANSWERS.methodNotAllowed, headers: { allow: 'POST' } });
    const answerCall = await ready();
    const headers = lowerCaseKeys(event.headers);
    return result(await answerCall({ authorization: headers.authorization, readBody: () => readJson(event, headers['content-type']) }));
  };
}

/** The deps the environment configures (the same as `shopvoice serve`), loaded on first use. */
async function openFromEnvironment(): Promise<GoogleRouteDeps> {
  const { openDepsFromEnvironment } = await import('../../server/open-deps.js');
  return openDepsFromEnvironment();
}

/** The Lambda entry point: configure the function's handler as `…/platforms/google/lambda.handler`. */
export const handler: GoogleLambdaHandler = createGoogleLambdaHandler(openFromEnvironment);
