import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { AccountLinking, ClientCredentials, TokenAnswer } from './account-linking.js';
import { checkAuthorizationRequest, type AuthorizationRequest } from './authorization-request.js';
import { LOGIN_CSS, loginPage, messagePage, pageLanguage, type PageLanguage } from './login-page.js';
import { sameSecret } from './secrets.js';
import type { OAuthClient } from '../config.js';

export interface OAuthRouterOptions {
  linking: AccountLinking;
  clients: OAuthClient[];
  /** The shop's name for the page's title ("Mit Lindenhof Markt verbinden"). */
  shopName: () => Promise<string>;
  /** The header a TLS proxy puts the caller's address in (its last entry); unset: the connection's address. */
  clientIpHeader?: string;
  /** Logs a login the shop could not answer. */
  onError?: (error: unknown) => void;
}

/** `__Host-`: only ever set by this host, over HTTPS, for the whole site; the form repeats its value (double submit). */
const CSRF_COOKIE = '__Host-shopvoice-oauth-csrf';

/**
 * The CSP of every page: nothing but our own style sheet, the form may post only to us and
 * follow the redirect to the platform (Chrome applies form-action to the redirect too), and no
 * one may frame the page (clickjacking of a password form).
 */
function securityHeaders(res: Response, redirectUri?: string): void {
  const formTargets = ["'self'", ...(redirectUri ? [new URL(redirectUri).origin] : [])].join(' ');
  res.setHeader('content-security-policy', `default-src 'none'; style-src 'self'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`);
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The request's parameters the form carries on, as hidden fields. */
function hiddenFields(request: AuthorizationRequest): Record<string, string> {
  return {
    response_type: 'code',
    client_id: request.client.id,
    redirect_uri: request.redirectUri,
    ...(request.state ? { state: request.state } : {}),
    ...(request.codeChallenge ? { code_challenge: request.codeChallenge, code_challenge_method: 'S256' } : {}),
  };
}

/** Client credentials from HTTP Basic (each part form-encoded, RFC 6749 §2.3.1) or from the body; both at once is refused. */
function credentialsOf(req: Request): ClientCredentials | 'both' {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(req.headers.authorization ?? '');
  const body = (req.body ?? {}) as Record<string, unknown>;
  const inBody = typeof body.client_secret === 'string';
  if (match) {
    if (inBody) return 'both';
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const form = (s: string) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; } };
    return colon < 0 ? { basic: true } : { id: form(decoded.slice(0, colon)), secret: form(decoded.slice(colon + 1)), basic: true };
  }
  return {
    basic: false,
    ...(typeof body.client_id === 'string' ? { id: body.client_id } : {}),
    ...(inBody ? { secret: body.client_secret as string } : {}),
  };
}

function sendToken(res: Response, answer: TokenAnswer): void {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('pragma', 'no-cache');
  if (answer.challenge) res.setHeader('www-authenticate', 'Basic realm="shopvoice", charset="UTF-8"');
  res.status(answer.status).json(answer.body);
}

/**
 * `GET|POST /oauth/authorize` (the login page), `POST /oauth/token`, `POST /oauth/revoke` and the
 * page's style sheet, mounted under `/oauth` by the express app when account linking is configured.
 *
 * @example app.use('/oauth', createOAuthRouter({ linking, clients, shopName }));
 */
export function createOAuthRouter(options: OAuthRouterOptions): Router {
  const { linking, clients } = options;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });

  const callerAddress = (req: Request): string => {
    const header = options.clientIpHeader ? req.headers[options.clientIpHeader] : undefined;
    const forwarded = (Array.isArray(header) ? header.join(',') : header)?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    return forwarded ?? req.socket.remoteAddress ?? 'unknown';
  };
  const shopName = () => options.shopName().catch(() => 'shop');

  async function showLogin(res: Response, language: PageLanguage, request: AuthorizationRequest, status: number, extra: { email?: string; problem?: 'invalid' | 'unavailable' } = {}) {
    const csrfToken = randomBytes(24).toString('base64url');
    securityHeaders(res, request.redirectUri);
    res.setHeader('set-cookie', `${CSRF_COOKIE}=${csrfToken}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=1800`);
    res.status(status).type('html').send(loginPage({
      language, shopName: await shopName(), clientName: request.client.name, hidden: hiddenFields(request), csrfToken, ...extra,
    }));
  }

  function refuse(res: Response, language: PageLanguage, status: number, problem: 'unknown_client' | 'bad_redirect_uri' | 'invalid_request' | 'csrf') {
    securityHeaders(res);
    res.status(status).type('html').send(messagePage(language, 'errorTitle', problem));
  }

  router.get('/login.css', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.setHeader('x-content-type-options', 'nosniff');
    res.type('css').send(LOGIN_CSS);
  });

  router.get('/authorize', async (req, res) => {
    const language = pageLanguage(req.headers['accept-language']);
    const check = checkAuthorizationRequest(req.query as Record<string, unknown>, clients);
    if (!check.ok && !check.redirect) return refuse(res, language, 400, check.problem);
    if (!check.ok) return res.redirect(303, check.location);
    return showLogin(res, language, check.request, 200);
  });

  router.post('/authorize', form, async (req, res) => {
    const language = pageLanguage(req.headers['accept-language']);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const cookie = cookieValue(req.headers.cookie, CSRF_COOKIE);
    if (!cookie || typeof body.csrf_token !== 'string' || !sameSecret(cookie, body.csrf_token)) return refuse(res, language, 403, 'csrf');
    const check = checkAuthorizationRequest(body, clients);
    if (!check.ok && !check.redirect) return refuse(res, language, 400, check.problem);
    if (!check.ok) return res.redirect(303, check.location);
    const email = typeof body.email === 'string' ? body.email.slice(0, 320) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 4096) : '';
    if (!email.trim() || !password) return showLogin(res, language, check.request, 400, { email, problem: 'invalid' });
    let outcome;
    try {
      outcome = await linking.login(check.request, email, password, callerAddress(req));
    } catch (error) {
      options.onError?.(error);
      return showLogin(res, language, check.request, 503, { email, problem: 'unavailable' });
    }
    if (outcome.ok) return res.redirect(303, outcome.location);
    if (outcome.reason === 'throttled') {
      securityHeaders(res);
      res.setHeader('retry-after', String(outcome.retryAfterS));
      return res.status(429).type('html').send(messagePage(language, 'throttledTitle', 'throttled', { minutes: String(Math.ceil(outcome.retryAfterS / 60)) }));
    }
    return showLogin(res, language, check.request, 401, { email, problem: 'invalid' });
  });

  router.post('/token', form, async (req, res) => {
    const credentials = credentialsOf(req);
    if (credentials === 'both') return sendToken(res, { status: 400, body: { error: 'invalid_request', error_description: 'use one client authentication method' } });
    sendToken(res, await linking.token(credentials, (req.body ?? {}) as Record<string, unknown>));
  });

  router.post('/revoke', form, async (req, res) => {
    const credentials = credentialsOf(req);
    if (credentials === 'both') return sendToken(res, { status: 400, body: { error: 'invalid_request', error_description: 'use one client authentication method' } });
    const answer = await linking.revoke(credentials, (req.body ?? {}) as Record<string, unknown>);
    if (answer.status === 200) {
      res.setHeader('cache-control', 'no-store');
      return res.status(200).end();
    }
    sendToken(res, answer);
  });

  return router;
}
