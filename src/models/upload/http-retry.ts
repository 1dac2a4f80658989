/** What the uploaders need from `fetch`, so tests can count and inspect calls. */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface RetryOptions {
  fetch?: FetchFn;
  /** Waits between attempts; tests pass a fake that records the delays. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts after the first one, for 429 and 5xx answers. */
  retries?: number;
  log?: (line: string) => void;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date in `Retry-After`, as milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * One HTTP call that waits and tries again on 429 (honouring `Retry-After`) and on 500/502/503/504
 * (exponential back-off from one second, at most 32 s, as Google's and Amazon's APIs ask).
 * Every other answer, error or not, is returned to the caller.
 */
export async function fetchWithRetry(url: string, init: RequestInit, options: RetryOptions = {}): Promise<Response> {
  const doFetch = options.fetch ?? ((u, i) => fetch(u, i));
  const sleep = options.sleep ?? realSleep;
  const retries = options.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    const response = await doFetch(url, init);
    const retryable = response.status === 429 || [500, 502, 503, 504].includes(response.status);
    if (!retryable || attempt >= retries) return response;
    const wait = retryAfterMs(response.headers.get('retry-after')) ?? Math.min(32_000, 1000 * 2 ** attempt);
    options.log?.(`  ${response.status} from ${new URL(url).pathname}; trying again in ${Math.ceil(wait / 1000)} s`);
    await response.body?.cancel();
    await sleep(wait);
  }
}

/**
 * {@link fetchWithRetry} with a bearer token: a 401 fetches a new token once and repeats the
 * call (access tokens of LWA and Google live an hour; an upload may outlast one).
 *
 * @example const call = bearerFetch(() => lwaAccessToken(credentials, url, options), 'SMAPI', options);
 */
export async function bearerFetch(
  newToken: () => Promise<string>,
  api: string,
  options: RetryOptions = {},
): Promise<(url: string, init: RequestInit) => Promise<Response>> {
  let token = await newToken();
  return async (url, init) => {
    const withAuth = (): RequestInit => ({ ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
    let response = await fetchWithRetry(url, withAuth(), options);
    if (response.status === 401) {
      await response.body?.cancel();
      options.log?.(`  401 from ${api}; fetching a new access token`);
      token = await newToken();
      response = await fetchWithRetry(url, withAuth(), options);
    }
    return response;
  };
}

/** The response body as JSON, or `{}` when it is empty or not JSON (error pages). */
export async function jsonBody(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return text ? { message: text.slice(0, 300) } : {};
  }
}

/** A failed upload step with the platform's own message, e.g. "SMAPI answered 400: Invalid model". */
export class UploadError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'UploadError';
  }
}
