import type { NextFunction, Request, Response } from 'express';

/**
 * Nothing inline, nothing from elsewhere: scripts, styles, images and requests come from this
 * server only, and no page may frame the console.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every console response carries. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  // Not no-referrer: under it Chromium sends `Origin: null` with the page's own form posts.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('permissions-policy', 'microphone=(self), camera=(), geolocation=()');
  next();
}

/**
 * A POST from a page of another site is refused: its `Origin` must name this host, or, where a
 * browser sent none, `Sec-Fetch-Site` must say same-origin. (Requests from outside a browser
 * carry neither; they still need the session's CSRF token, except the login itself.)
 */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  if (typeof origin === 'string') {
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}
