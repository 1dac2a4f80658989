/** Login with Amazon's token endpoint (Access Token Retrieval REST API). */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

/** The scope of a token that may call the Proactive Events API. */
export const PROACTIVE_EVENTS_SCOPE = 'alexa::proactive_events';

/** Fetch a new token this long before the old one expires, so none expires in flight. */
export const TOKEN_MARGIN_MS = 60_000;

export interface LwaTokenClient {
  /** A valid access token: the cached one, or a new one when it is (nearly) expired. */
  token(): Promise<string>;
  /** Forgets the cached token when Alexa refused it (401/403), so the next `token()` fetches anew. */
  invalidate(rejected: string): void;
}

export interface LwaTokenClientOptions {
  /** The skill's own credentials (developer console, Build → Permissions → Alexa Skill Messaging). */
  clientId: string;
  clientSecret: string;
  tokenUrl?: string;
  scope?: string;
  now: () => Date;
  /** Milliseconds the token request may take. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class LwaError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'LwaError';
  }
}

/**
 * A client-credentials token for the Proactive Events API, cached until it expires (minus a
 * minute). Callers that ask at once share one request.
 *
 * @example
 *   const tokens = createLwaTokenClient({ clientId, clientSecret, now: () => new Date() });
 *   const bearer = await tokens.token();
 */
export function createLwaTokenClient(options: LwaTokenClientOptions): LwaTokenClient {
  const doFetch = options.fetch ?? fetch;
  let cached: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function request(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: options.scope ?? PROACTIVE_EVENTS_SCOPE,
    });
    const asked = options.now().getTime();
    let response: Response;
    try {
      response = await doFetch(options.tokenUrl ?? LWA_TOKEN_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new LwaError(`LWA token request failed: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      // LWA's error body names the problem (invalid_client, invalid_scope); it holds no secret.
      throw new LwaError(`LWA answered ${response.status}: ${text.slice(0, 200)}`, response.status);
    }
    const json = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== 'string' || typeof json.expires_in !== 'number') throw new LwaError('LWA answered without access_token/expires_in');
    // Counted from when we asked: the token may have been issued a little before the answer arrived.
    cached = { token: json.access_token, renewAt: asked + json.expires_in * 1000 - TOKEN_MARGIN_MS };
    return json.access_token;
  }

  return {
    async token() {
      if (cached && options.now().getTime() < cached.renewAt) return cached.token;
      inFlight ??= request().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(rejected) {
      if (cached?.token === rejected) cached = undefined;
    },
  };
}
