import express, { type Request, type Response, type Router } from 'express';
import type { AlexaSkill } from './skill.js';
import { isAlexaEnvelope, skillIdOf } from './request-shape.js';

/** Verifies that a raw request comes from Alexa; throws on any failure. */
export interface AlexaRequestVerifier {
  verify(headers: Request['headers'], rawBody: Buffer, body: unknown): Promise<void>;
}

export interface AlexaRouteOptions {
  skill: AlexaSkill;
  /** Full signature/certificate/timestamp verification; undefined when verification is off. */
  verifier?: AlexaRequestVerifier;
  /** Accepted skill ids; empty accepts any. */
  skillIds: string[];
  /** Largest accepted body in bytes. */
  maxBodyBytes?: number;
  onRejected?: (reason: string) => void;
  onError?: (error: unknown) => void;
}

/** Amazon's certification probes invalid requests and expects exactly a 400 (platform-rules.md, rule 7). */
function reject(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

/**
 * `POST /alexa`: raw body (no JSON parser in front, the signature covers the exact bytes),
 * verification, shape and skill-id checks, then the skill.
 */
export function createAlexaRouter(options: AlexaRouteOptions): Router {
  const router = express.Router();
  const rawBody = express.raw({ type: () => true, limit: options.maxBodyBytes ?? 128 * 1024 });
  router.post('/', (req, res, next) => {
    rawBody(req, res, (err?: unknown) => {
      if (!err) return next();
      const status = (err as { status?: number }).status;
      if (status === 413) return reject(res, 413, 'request body too large');
      return reject(res, 400, 'unreadable request body');
    });
  }, async (req, res) => {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\b/i.test(contentType)) return reject(res, 415, 'content type must be application/json');
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reject(res, 400, 'malformed JSON');
    }
    if (options.verifier) {
      try {
        await options.verifier.verify(req.headers, raw, body);
      } catch (error) {
        options.onRejected?.((error as Error).message ?? 'verification failed');
        return reject(res, 400, 'invalid request');
      }
    }
    if (!isAlexaEnvelope(body)) return reject(res, 400, 'not an Alexa request');
    const skillId = skillIdOf(body);
    if (skillId === undefined || (options.skillIds.length > 0 && !options.skillIds.includes(skillId))) {
      options.onRejected?.('skill id not accepted');
      return reject(res, 400, 'invalid request');
    }
    try {
      res.json(await options.skill.invoke(body));
    } catch (error) {
      options.onError?.(error);
      reject(res, 500, 'internal error');
    }
  });
  return router;
}

/**
 * Until full verification is configured, unsigned requests are refused: both signature headers
 * must at least be present (issue 2; the full check is the verifier's).
 */
export const requireSignatureHeaders: AlexaRequestVerifier = {
  async verify(headers) {
    if (!headers['signature-256'] || !headers['signaturecertchainurl']) throw new Error('unsigned request');
  },
};
