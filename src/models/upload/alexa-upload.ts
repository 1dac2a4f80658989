import { UploadError, bearerFetch, jsonBody, realSleep, type RetryOptions } from './http-retry.js';
import { LWA_BASE_URL, lwaAccessToken, type LwaCredentials } from './lwa-token.js';

export const SMAPI_BASE_URL = 'https://api.amazonalexa.com';

export interface AlexaUploadOptions extends RetryOptions {
  skillId: string;
  /** `development` unless told otherwise (the only stage a model can be written to). */
  stage: string;
  /** Locale → the model file's text, sent as it is. */
  models: Record<string, string>;
  credentials: LwaCredentials;
  smapiUrl?: string;
  lwaUrl?: string;
  /** Milliseconds between build-status polls, and the longest time to wait for the builds. */
  pollMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

export type BuildStatus = 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';

export interface LocaleResult {
  locale: string;
  status: BuildStatus;
  /** The build's error messages (FAILED), or why it is still running (timeout). */
  messages: string[];
}

function smapiMessage(json: Record<string, unknown>): string {
  const violations = Array.isArray(json.violations)
    ? json.violations.map((v) => (typeof v === 'object' && v ? String((v as Record<string, unknown>).message) : String(v)))
    : [];
  return [typeof json.message === 'string' ? json.message : '', ...violations].filter(Boolean).join('; ');
}

/**
 * Uploads the Alexa models through the Skill Management API and waits for their builds:
 * `PUT /v1/skills/{skillId}/stages/{stage}/interactionModel/locales/{locale}` per locale
 * (answered 202), then `GET /v1/skills/{skillId}/status?resource=interactionModel` until every
 * locale's `lastUpdateRequest.status` leaves IN_PROGRESS. A 401 fetches a new token once;
 * 429 and 5xx are retried (Retry-After honoured).
 *
 * @example const results = await uploadAlexaModels({ skillId, stage: 'development', models, credentials });
 */
export async function uploadAlexaModels(options: AlexaUploadOptions): Promise<LocaleResult[]> {
  const smapi = options.smapiUrl ?? SMAPI_BASE_URL;
  const log = options.log ?? (() => {});
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const lwaUrl = options.lwaUrl ?? LWA_BASE_URL;
  const call = await bearerFetch(() => lwaAccessToken(options.credentials, lwaUrl, options), 'SMAPI', options);
  const skill = encodeURIComponent(options.skillId);

  const locales = Object.keys(options.models).sort();
  for (const locale of locales) {
    const url = `${smapi}/v1/skills/${skill}/stages/${encodeURIComponent(options.stage)}/interactionModel/locales/${encodeURIComponent(locale)}`;
    const response = await call(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: options.models[locale]!,
    });
    if (response.status !== 202) {
      const detail = smapiMessage(await jsonBody(response));
      throw new UploadError(`SMAPI refused the ${locale} model with ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
    }
    await response.body?.cancel();
    log(`  ${locale}: model accepted (202), building`);
  }

  const deadline = now() + (options.timeoutMs ?? 300_000);
  const results = new Map<string, LocaleResult>(locales.map((l) => [l, { locale: l, status: 'IN_PROGRESS', messages: [] }]));
  for (;;) {
    const response = await call(`${smapi}/v1/skills/${skill}/status?resource=interactionModel`, { method: 'GET', headers: { Accept: 'application/json' } });
    const json = await jsonBody(response);
    if (response.status !== 200) throw new UploadError(`SMAPI build status answered ${response.status}: ${smapiMessage(json)}`, response.status);
    const byLocale = (json.interactionModel ?? {}) as Record<string, { lastUpdateRequest?: { status?: string; errors?: Array<{ message?: string }> } }>;
    for (const locale of locales) {
      const last = byLocale[locale]?.lastUpdateRequest;
      if (last?.status === 'SUCCEEDED' || last?.status === 'FAILED') {
        results.set(locale, { locale, status: last.status, messages: (last.errors ?? []).map((e) => String(e.message)) });
      }
    }
    const pending = [...results.values()].filter((r) => r.status === 'IN_PROGRESS');
    if (pending.length === 0) break;
    if (now() >= deadline) {
      for (const r of pending) r.messages.push('still building when the wait ended; check the developer console');
      break;
    }
    await sleep(options.pollMs ?? 5_000);
  }
  return locales.map((l) => results.get(l)!);
}
