import type { DateTime } from 'luxon';
import { handleTurn } from '../domain/handle-turn.js';
import { createAlexaSkill } from '../platforms/alexa/skill.js';
import { createGoogleWebhook } from '../platforms/google/google-webhook.js';
import type { AppDeps } from '../server/app.js';

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

/**
 * The real adapters, in process: the Alexa skill (`createAlexaSkill`, which takes the request's
 * timestamp as its clock, as in production) and the Dialogflow webhook (`createGoogleWebhook`,
 * given the simulator's clock). Signature and webhook-auth checks are the HTTP layer's, so they
 * are not part of an in-process turn.
 */
export function inProcessTransport(deps: AppDeps): Transport {
  const skill = createAlexaSkill({ ...deps, now: undefined });
  let clock: DateTime | undefined;
  const webhook = createGoogleWebhook({ ...deps, now: () => clock! }, handleTurn);
  return {
    async alexa(envelope) {
      return { status: 200, body: await skill.invoke(envelope as never) };
    },
    async google(request, at) {
      clock = at;
      const answer = await webhook.answer(request);
      return { status: answer.status, body: answer.body };
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
