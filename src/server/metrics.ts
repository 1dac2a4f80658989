import type { Gauge, Metric, Registry } from 'prom-client';
import type { BreakerState, CatalogCallResult, CatalogObserver } from '../catalog/resilient-commerce.js';
import { isSharedIntent } from '../domain/intents.js';
import { isLocale, type Platform, type VoiceReply } from '../domain/turn.js';
import type { RequestOutcome } from '../platforms/request-context.js';
import { CounterSeries, HistogramSeries } from './metric-series.js';


/** The process's Prometheus metrics, in a registry of their own (never prom-client's global one). */
export interface Metrics {
  /**
   * The registry, made on the first call (the first scrape): prom-client is loaded then, not at
   * start-up, so a cold start and a Lambda without /metrics never load it (bench/NOTES.md).
   * What was counted before is in it.
   */
  registry(): Promise<Registry>;
  /** Hand to `resilientCommerce` so catalog calls and the breaker are measured. */
  readonly catalog: CatalogObserver;
  /** One answered turn (the server's turn handler). */
  turn(platform: Platform, reply: VoiceReply, locale: string): void;
  /** What an operator alerts on: a session started, a hand-off offered or asked for. */
  conversation(platform: Platform, newSession: boolean, reply: VoiceReply): void;
  /** An order placed by voice, with its total in cents. */
  order(platform: Platform, cents: number): void;
  /**
   * Reports the notification outbox's backlog on every scrape (`shopvoice_notifications_outbox`:
   * pending, due, dead letters): what an operator alerts on when Amazon stops taking events.
   */
  watchOutbox(read: () => Promise<{ pending: number; due: number; dead: number }>): void;
  /** One HTTP request, when its response is finished. */
  request(route: string, status: number, seconds: number, outcome?: RequestOutcome): void;
  /** The exposition text for `GET /metrics`. */
  render(): Promise<string>;
  /** The exposition's content type: prom-client's Prometheus text format (a test pins it). */
  readonly contentType: string;
}

/** prom-client's `Registry.PROMETHEUS_CONTENT_TYPE`, known without loading it. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsOptions {
  /**
   * Also export prom-client's process and Node.js metrics (CPU, memory, event-loop lag). On for
   * the server; off by default because each registry starts its own collectors, and the
   * simulator and Lambda open many deps or expose no /metrics. They are collected from the first
   * scrape on (CPU time and memory are the process's totals whenever they are read).
   */
  processMetrics?: boolean;
}

/** Seconds; Dialogflow gives up after 5 s, Alexa after 8 s (platform-rules.md). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 5, 8];
const ROUTES = new Set(['/alexa', '/google', '/healthz', '/readyz', '/metrics']);
const NON_INTENTS = new Set(['LaunchRequest', 'SessionEndedRequest']);
const BREAKER_STATES: BreakerState[] = ['closed', 'open', 'half-open'];

/**
 * Label values come from requests, so each is mapped onto a closed set: an attacker sending a
 * million made-up intent names must not create a million time series.
 */
function intentLabel(name: string): string {
  return isSharedIntent(name) || NON_INTENTS.has(name) ? name : 'other';
}

/** A request path mapped onto the known routes (`other` for the rest). */
export function routeLabel(route: string): string {
  if (ROUTES.has(route)) return route;
  const path = route.replace(/\/+$/, '');
  return ROUTES.has(path) ? path : 'other';
}

/**
 * Creates the metrics: requests by platform, intent, locale and outcome; request latency;
 * catalog call latency and failures by method; the catalog breaker's state. The labelled metrics
 * counted on every request are metric-series.ts's: prom-client's own hash the label object on each
 * call, more than 3 % of a request in the profile (bench/NOTES.md, "Metrics"); the breaker gauge,
 * the process metrics and the rendering are prom-client's.
 *
 * @example
 *   const metrics = createMetrics();
 *   const commerce = resilientCommerce(shop, { timeoutMs: 1500, observer: metrics.catalog });
 *   res.type(metrics.contentType).send(await metrics.render());
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const turns = new CounterSeries({
    name: 'shopvoice_turns_total',
    help: 'Answered conversation turns by platform, intent, locale and outcome.',
    labelNames: ['platform', 'intent', 'locale', 'outcome'] as const,
  });
  const httpRequests = new CounterSeries({
    name: 'shopvoice_http_requests_total',
    help: 'HTTP requests by route and status code.',
    labelNames: ['route', 'status'] as const,
  });
  const requestSeconds = new HistogramSeries({
    name: 'shopvoice_request_duration_seconds',
    help: 'Time from request to finished response on the platform routes, by platform and outcome.',
    labelNames: ['platform', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
  });
  const catalogSeconds = new HistogramSeries({
    name: 'shopvoice_catalog_call_duration_seconds',
    help: 'Catalog (shop) call latency including retries, by method and result.',
    labelNames: ['method', 'result'] as const,
    buckets: LATENCY_BUCKETS,
  });
  const catalogFailures = new CounterSeries({
    name: 'shopvoice_catalog_call_failures_total',
    help: 'Catalog calls that failed (timeout, error, breaker_open), by method and reason.',
    labelNames: ['method', 'reason'] as const,
  });
  // Counted once per session, hand-off or order (not per turn).
  const operator = Object.fromEntries(
    Object.entries(OPERATOR_COUNTERS).map(([key, { name, help }]) => [key, new CounterSeries({ name, help, labelNames: ['platform'] as const })]),
  ) as Record<keyof typeof OPERATOR_COUNTERS, CounterSeries<readonly ['platform']>>;
  let breakerNow: BreakerState = 'closed';
  let breaker: Gauge<'state'> | undefined;
  const showBreaker = () => {
    for (const state of BREAKER_STATES) breaker?.set({ state }, state === breakerNow ? 1 : 0);
  };
  let readOutbox: (() => Promise<{ pending: number; due: number; dead: number }>) | undefined;

  // Made on the first scrape, with the metrics in the order they always had (prom-client renders
  // in registration order): process metrics, the request path's, the breaker, the operator's, the outbox.
  let made: Promise<{ registry: Registry; client: PromClient }> | undefined;
  const registryAndClient = () => (made ??= import('prom-client').then((client) => {
    const registry = new client.Registry();
    if (options.processMetrics) client.collectDefaultMetrics({ register: registry });
    for (const series of [turns, httpRequests, requestSeconds, catalogSeconds, catalogFailures]) registry.registerMetric(series as unknown as Metric);
    breaker = new client.Gauge({
      name: 'shopvoice_catalog_breaker_state',
      help: 'Catalog circuit breaker: 1 for the current state, 0 for the others.',
      labelNames: ['state'] as const,
      registers: [registry],
    });
    showBreaker();
    for (const series of Object.values(operator)) registry.registerMetric(series as unknown as Metric);
    if (readOutbox) outboxGauge(client, registry, readOutbox);
    return { registry, client };
  }));
  const registry = () => registryAndClient().then((m) => m.registry);

  const catalog: CatalogObserver = {
    call(method: string, seconds: number, result: CatalogCallResult) {
      catalogSeconds.observe(seconds, method, result);
      if (result !== 'ok' && result !== 'expected') catalogFailures.inc(method, result);
    },
    breakerState(current: BreakerState) {
      breakerNow = current;
      showBreaker();
    },
  };

  return {
    registry,
    catalog,
    turn(platform, reply, locale) {
      turns.inc(platform, intentLabel(reply.handledAs), isLocale(locale) ? locale : 'other', reply.outcome);
    },
    conversation(platform, newSession, reply) {
      if (newSession) operator.sessions.inc(platform);
      if (reply.handledAs === 'HumanHandoffIntent' || reply.state.pending?.kind === 'handoff') operator.handoffs.inc(platform);
    },
    order(platform, cents) {
      operator.orders.inc(platform);
      operator.orderValue.incBy(cents / 100, platform);
    },
    watchOutbox(read) {
      readOutbox = read;
      if (made) void made.then(({ registry: r, client }) => outboxGauge(client, r, read));
    },
    request(route, status, seconds, outcome) {
      const label = routeLabel(route);
      httpRequests.inc(label, String(status));
      if (label === '/alexa' || label === '/google') {
        requestSeconds.observe(seconds, label === '/alexa' ? 'alexa' : 'google', outcome ?? (status >= 500 ? 'failed' : 'rejected'));
      }
    },
    render: () => registry().then((r) => r.metrics()),
    contentType: PROMETHEUS_CONTENT_TYPE,
  };
}

type PromClient = typeof import('prom-client');

/** The outbox backlog gauge, one per registry; a new reader replaces the last. A failed read leaves it out of that scrape. */
function outboxGauge(client: PromClient, registry: Registry, read: () => Promise<{ pending: number; due: number; dead: number }>): void {
  registry.removeSingleMetric('shopvoice_notifications_outbox');
  new client.Gauge({
    name: 'shopvoice_notifications_outbox',
    help: 'Notifications in the outbox by state: pending (not yet sent), due (pending and due now), dead (given up).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const backlog = await read();
      this.set({ state: 'pending' }, backlog.pending);
      this.set({ state: 'due' }, backlog.due);
      this.set({ state: 'dead' }, backlog.dead);
    },
  });
}

/** The counters an operator alerts on: sessions, hand-offs, orders and their value by voice (label: platform). */
export const OPERATOR_COUNTERS = {
  sessions: { name: 'shopvoice_sessions_total', help: 'Conversations started, by platform.' },
  handoffs: { name: 'shopvoice_handoffs_total', help: 'Turns that handed the customer to a person (asked for, or offered after repeated misunderstandings), by platform.' },
  orders: { name: 'shopvoice_orders_total', help: 'Orders placed by voice, by platform.' },
  orderValue: { name: 'shopvoice_order_value_euros_total', help: 'Value of the orders placed by voice, in euros, by platform.' },
} as const;
