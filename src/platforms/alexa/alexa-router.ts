import express, { type Response, type Router } from 'express';
import type { TurnDeps } from '../../domain/deps.js';
import { answerAlexa, MAX_BODY_BYTES, reject } from './alexa-route.js';
import type { AlexaRouteOptions } from './answer-alexa-request.js';

/**
 * `POST /alexa` as an express router: raw body (no JSON parser in front, the signature covers
 * the exact bytes), verification, shape and skill-id checks, then the skill. `depsFor` gives a
 * request's own deps, from what an earlier middleware left in `res.locals`.
 */
export function createAlexaRouter(options: AlexaRouteOptions, depsFor?: (res: Response) => TurnDeps | undefined): Router {
  const router = express.Router();
  const rawBody = express.raw({ type: () => true, limit: options.maxBodyBytes ?? MAX_BODY_BYTES });
  const answer = answerAlexa(options);
  router.post('/', (req, res, next) => {
    rawBody(req, res, (err?: unknown) => {
      if (!err) return next();
      const status = (err as { status?: number }).status;
      if (status === 413) return reject(res, 413, 'request body too large');
      return reject(res, 400, 'unreadable request body');
    });
  }, (req, res) => answer(req, res, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), depsFor?.(res)));
  return router;
}
