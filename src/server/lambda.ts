import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { REPLY_BUDGET_MS } from '../catalog/resilient-commerce.js';
import type { AlexaRequestVerifier } from '../platforms/alexa/alexa-endpoint.js';
import type { HttpAnswer, HttpCall, PlatformEndpoint } from '../platforms/endpoint.js';
import type { TurnHandler } from '../platforms/request-context.js';
import { alexaEndpoint, createTurnHandler, googleEndpoint } from './endpoints.js';
import { createMetrics, type Metrics } from './metrics.js';
import { openDepsFromEnvironment, type AppDeps } from './open-deps.js';
import { createRequestScope } from './request-scope.js';

/** An API Gateway REST API (payload 1.0), HTTP API (2.0) or function-URL event, as far as it is read. */
export interface ApiGatewayEvent {
  version?: string;
  /** 1.0 */
  httpMethod?: string;
  /** 2.0 and function URLs: `requestContext.http.method` */
  requestContext?: { http?: { method?: string }; requestId?: string };
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

export interface LambdaOptions {
  /** Overrides the Alexa verifier (tests sign with their own chain). */
  verifier?: AlexaRequestVerifier;
  /** Overrides the turn handler (tests of the transport alone). */
  handleTurn?: TurnHandler;
}

/** The event as the neutral call: method (POST when the event names none), lower-case headers, the body's bytes. */
function callOf(event: ApiGatewayEvent): HttpCall {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.headers ?? {})) if (typeof value === 'string') headers[key.toLowerCase()] = value;
  const method = (event.requestContext?.http?.method ?? event.httpMethod ?? 'POST').toUpperCase();
  return { method, headers, body: Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8') };
}

const resultOf = (answer: HttpAnswer): ApiGatewayResult => ({ statusCode: answer.status, headers: answer.headers, body: answer.body, isBase64Encoded: false });

interface Container {
  deps: AppDeps;
  metrics: Metrics;
  handleTurn: TurnHandler;
}

/**
 * Deps opened once per container, on the first event; a failed opening is retried on the next
 * one. Each call gets what a server request gets: its logger, the reply budget, and its metrics.
 */
function lambdaRuntime(open: () => Promise<AppDeps>, options: LambdaOptions) {
  let container: Promise<Container> | undefined;
  const ready = (): Promise<Container> => (container ??= open().then((opened) => {
    const deps = options.verifier ? { ...opened, alexaVerifier: options.verifier } : opened;
    const metrics = deps.metrics ?? createMetrics();
    return { deps, metrics, handleTurn: options.handleTurn ?? createTurnHandler(deps, metrics) };
  }, (error: unknown) => {
    container = undefined;
    throw error;
  }));
  const answer = async (endpoint: PlatformEndpoint, call: HttpCall, route: string, { deps, metrics }: Container, id: string = randomUUID()) => {
    const started = performance.now();
    const authorization = typeof call.headers.authorization === 'string' ? call.headers.authorization : undefined;
    const scope = createRequestScope(deps.log, { id, started, deadline: started + REPLY_BUDGET_MS, authorization });
    const result = await endpoint(call, scope);
    metrics.request(route, result.status, (performance.now() - started) / 1000, scope.outcome);
    return result;
  };
  return { ready, answer };
}

function isHttpEvent(event: unknown): event is ApiGatewayEvent {
  return typeof event === 'object' && event !== null && 'headers' in event && !('request' in event);
}

export type AlexaLambdaHandler = (event: RequestEnvelope | ApiGatewayEvent) => Promise<ResponseEnvelope | ApiGatewayResult>;

/**
 * The Alexa skill on Lambda, async only (platform-rules.md, rule 9: Node 24 Lambda dropped callback
 * handlers). Invoked by ARN, Alexa's own trigger vouches for the caller: the envelope goes through
 * the endpoint without the signature checks, the skill-id check stays (a refused envelope throws).
 * Behind API Gateway or a function URL the full `POST /alexa` applies.
 *
 * @example export const handler = createAlexaLambdaHandler(() => openDeps(config, log));
 */
export function createAlexaLambdaHandler(open: () => Promise<AppDeps>, options: LambdaOptions = {}): AlexaLambdaHandler {
  const runtime = lambdaRuntime(open, options);
  let endpoints: { http: PlatformEndpoint; trusted: PlatformEndpoint } | undefined;
  return async (event) => {
    const container = await runtime.ready();
    endpoints ??= {
      http: alexaEndpoint(container.deps, container.handleTurn),
      trusted: alexaEndpoint(container.deps, container.handleTurn, { verify: false }),
    };
    if (isHttpEvent(event)) return resultOf(await runtime.answer(endpoints.http, callOf(event), '/alexa', container, event.requestContext?.requestId));
    const call = { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(event)) };
    const answer = await runtime.answer(endpoints.trusted, call, '/alexa', container);
    if (answer.status !== 200) throw new Error(`Alexa request refused: ${answer.status} ${answer.body}`);
    return JSON.parse(answer.body) as ResponseEnvelope;
  };
}

export type GoogleLambdaHandler = (event: ApiGatewayEvent) => Promise<ApiGatewayResult>;

/**
 * The Dialogflow webhook on Lambda behind API Gateway (REST or HTTP API) or a function URL: the
 * same checks as `POST /google` (POST only, basic auth, JSON of at most 64 KiB, base64 bodies
 * decoded). actions-on-google's own Lambda wrapper takes an API Gateway event for the request
 * body and uses callbacks (platform-rules.md, "Google"), hence ours.
 *
 * @example export const handler = createGoogleLambdaHandler(() => openDeps(config, log));
 */
export function createGoogleLambdaHandler(open: () => Promise<AppDeps>, options: LambdaOptions = {}): GoogleLambdaHandler {
  const runtime = lambdaRuntime(open, options);
  let google: PlatformEndpoint | undefined;
  return async (event) => {
    const container = await runtime.ready();
    google ??= googleEndpoint(container.deps, container.handleTurn);
    return resultOf(await runtime.answer(google, callOf(event), '/google', container, event.requestContext?.requestId));
  };
}

// Pure: a bundle of one handler (scripts/bundle-lambda.mjs) leaves the other one, and what only it needs, out.

/** Lambda entry point of the Alexa skill: `dist/server/lambda.alexaHandler`, or `index.handler` of `deploy/build/alexa/`. */
export const alexaHandler: AlexaLambdaHandler = /* @__PURE__ */ createAlexaLambdaHandler(openDepsFromEnvironment);

/** Lambda entry point of the Dialogflow webhook: `dist/server/lambda.googleHandler`, or `index.handler` of `deploy/build/google/`. */
export const googleHandler: GoogleLambdaHandler = /* @__PURE__ */ createGoogleLambdaHandler(openDepsFromEnvironment);
