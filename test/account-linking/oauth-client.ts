import { createHash, randomBytes } from 'node:crypto';
import { FAKE_SHOPWARE_PASSWORD } from '../support/fake-shopware.js';
import { ALEXA_CLIENT, ALEXA_REDIRECT } from './linking-server.js';

/** What Alexa does as the customer's browser and as the token client, over real HTTP. */
export interface AuthorizeParams {
  client_id?: string;
  redirect_uri?: string;
  state?: string;
  response_type?: string;
  code_challenge?: string;
  code_challenge_method?: string;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(base: string, params: AuthorizeParams): string {
  const url = new URL('/oauth/authorize', base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.href;
}

export const alexaAuthorize = (extra: AuthorizeParams = {}): AuthorizeParams =>
  ({ response_type: 'code', client_id: ALEXA_CLIENT.id, redirect_uri: ALEXA_REDIRECT, state: 'alexa-state-123', ...extra });

/** The page's hidden fields, as a browser would submit them. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = m[2]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return fields;
}

export interface LoginPage { status: number; html: string; headers: Headers; cookie: string; fields: Record<string, string> }

export async function openLoginPage(base: string, params: AuthorizeParams, language = 'de-DE,de;q=0.9,en;q=0.5'): Promise<LoginPage> {
  const res = await fetch(authorizeUrl(base, params), { redirect: 'manual', headers: { 'accept-language': language } });
  const html = await res.text();
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { status: res.status, html, headers: res.headers, cookie, fields: hiddenFields(html) };
}

export async function submitLogin(base: string, page: LoginPage, email: string, password = FAKE_SHOPWARE_PASSWORD, headers: Record<string, string> = {}) {
  const res = await fetch(new URL('/oauth/authorize', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie, ...headers },
    body: new URLSearchParams({ ...page.fields, email, password }).toString(),
  });
  return { status: res.status, location: res.headers.get('location') ?? undefined, html: await res.text(), headers: res.headers };
}

/** The code (and state) the redirect carries. */
export function codeFrom(location: string | undefined): { code: string; state: string | null; error: string | null } {
  const url = new URL(location ?? 'https://missing.invalid/');
  return { code: url.searchParams.get('code') ?? '', state: url.searchParams.get('state'), error: url.searchParams.get('error') };
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export async function tokenRequest(base: string, form: Record<string, string>, auth: string | null = basic(ALEXA_CLIENT.id, ALEXA_CLIENT.secret), path = '/oauth/token') {
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) as Record<string, any> : {}, headers: res.headers };
}

/** The whole flow for one customer: login page, login, code, tokens. */
export async function linkAccount(base: string, email: string, params: AuthorizeParams = alexaAuthorize()) {
  const { verifier, challenge } = pkcePair();
  const page = await openLoginPage(base, { ...params, code_challenge: challenge, code_challenge_method: 'S256' });
  const login = await submitLogin(base, page, email);
  const { code } = codeFrom(login.location);
  const token = await tokenRequest(base, { grant_type: 'authorization_code', code, redirect_uri: params.redirect_uri ?? ALEXA_REDIRECT, code_verifier: verifier });
  return token.json as { access_token: string; refresh_token: string; expires_in: number; token_type: string };
}
