import type { DateTime } from 'luxon';
import type { HttpCall } from '../platforms/endpoint.js';
import { alexaEndpoint, createTurnHandler, googleEndpoint } from '../server/endpoints.js';
import { createMetrics } from '../server/metrics.js';
import type { AppDeps } from '../server/open-deps.js';
import { silentLogger } from '../domain/deps.js';

/** A platform's answer: the HTTP status and the parsed JSON body. */
export interface PlatformAnswer {
  status: number;
  body: any;
}

/** Where the simulator's requests go: the adapters in this process, or a running server. */
export interface Transport {
  /** Sends an Alexa request envelope (as POST /alexa would receive it). */
  alexa(envelope: object): Promise<PlatformAnswer>;
  /** Sends a Dialogflow WebhookRequest; `clock` is the instant the webhook should see. */
  google(request: object, clock: DateTime): Promise<PlatformAnswer>;
  /** Where requests go, for messages. */
  describe(): string;
}

const jsonCall = (body: object): HttpCall => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });

/**
 * The real endpoints, in process: Alexa's (which takes the request's timestamp as its clock, as
 * in production) and Google's (given the simulator's clock). Signature and webhook-auth checks
 * are left out, as for Alexa's own Lambda trigger: an in-process turn has no HTTP caller to check.
 */
export function inProcessTransport(deps: AppDeps): Transport {
  let clock: DateTime | undefined;
  // No session seal: a tester reads the state a turn left (scripts' `state:` expectations).
  const open: AppDeps = { ...deps, now: undefined, sessionSealer: undefined, config: { ...deps.config, alexa: { ...deps.config.alexa, skillIds: [] }, google: { authOff: true } } };
  const handleTurn = createTurnHandler(open, deps.metrics ?? createMetrics());
  const alexa = alexaEndpoint(open, handleTurn, { verify: false });
  const google = googleEndpoint({ ...open, log: silentLogger, now: () => clock! }, handleTurn);
  return {
    async alexa(envelope) {
      const answer = await alexa(jsonCall(envelope));
      return { status: answer.status, body: JSON.parse(answer.body) };
    },
    async google(request, at) {
      clock = at;
      const answer = await google(jsonCall(request));
      return { status: answer.status, body: JSON.parse(answer.body) };
    },
    describe: () => 'in process',
  };
}

export interface HttpTransportOptions {
  /** `user:password` for the webhook's basic auth (SHOPVOICE_GOOGLE_USER/PASSWORD). */
  googleAuth?: string;
}

/** `http://host:3000` → `http://host:3000/alexa`; a URL that already names the route is kept. */
function routeUrl(endpoint: string, route: 'alexa' | 'google'): string {
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/(alexa|google)$/.test(path)) url.pathname = path.replace(/(alexa|google)$/, route);
  else url.pathname = `${path}/${route}`;
  return url.toString();
}

async function post(url: string, body: object, headers: Record<string, string> = {}): Promise<PlatformAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = { error: text.slice(0, 200) };
  }
  return { status: res.status, body: json };
}

/**
 * The same requests over HTTP to a running server (`shopvoice serve`): POST /alexa and
 * POST /google under `endpoint`. The server must accept unsigned Alexa requests
 * (`SHOPVOICE_ALEXA_VERIFY=false`) and, for Google, either run with `SHOPVOICE_GOOGLE_AUTH=off` or
 * get the webhook's user and password. The server keeps its own clock for Google turns.
 *
 * @example httpTransport('http://127.0.0.1:3000')
 */
export function httpTransport(endpoint: string, options: HttpTransportOptions = {}): Transport {
  const auth = options.googleAuth ? { authorization: `Basic ${Buffer.from(options.googleAuth).toString('base64')}` } : undefined;
  return {
    alexa: (envelope) => post(routeUrl(endpoint, 'alexa'), envelope),
    google: (request) => post(routeUrl(endpoint, 'google'), request, auth),
    describe: () => endpoint,
  };
}
