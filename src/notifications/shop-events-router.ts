import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { enqueueStatusChange, type StatusChangeDeps } from './enqueue-status-change.js';
import { parseStatusChanges } from './parse-status-changes.js';

export const SIGNATURE_HEADER = 'x-shopvoice-signature';
export const TIMESTAMP_HEADER = 'x-shopvoice-timestamp';
/** A signed call older or newer than this is refused, so a recorded one cannot be replayed later. */
export const REPLAY_WINDOW_MS = 5 * 60 * 1000;
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface ShopEventsRouterDeps extends StatusChangeDeps {
  /** `SHOPVOICE_SHOP_EVENTS_SECRET`; several during a rotation (each is tried). */
  secret: string | readonly string[];
  /** Part of every reference id: which shop these orders belong to. */
  shopId: string;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * The shop's signature over a body: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>`,
 * the timestamp being Unix seconds (the value of `x-shopvoice-timestamp`).
 *
 * @example signShopEvent('s3cret', '1795510800', '{"customerId":"C-1",…}') // 'sha256=9c2f…'
 */
export function signShopEvent(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

function verified(req: Request, raw: Buffer, secrets: readonly string[], now: Date): boolean {
  const timestamp = req.get(TIMESTAMP_HEADER) ?? '';
  const signature = /^sha256=([0-9a-f]{64})$/.exec(req.get(SIGNATURE_HEADER) ?? '')?.[1];
  // The cheap checks first: no HMAC is computed for a call without a fresh timestamp.
  if (!signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > REPLAY_WINDOW_MS) return false;
  const given = Buffer.from(signature, 'hex');
  return secrets.some((secret) => timingSafeEqual(Buffer.from(signShopEvent(secret, timestamp, raw).slice(7), 'hex'), given));
}

/**
 * `POST /shop/events`: the shop reports order status changes, signed (see {@link signShopEvent}).
 * 401 without a valid, fresh signature (one answer for every reason); 413 over 64 KiB; 400 for a
 * body that is not JSON or not changes; else 202 with what became of each change. A call repeated
 * within the window changes nothing: every status change has one reference id.
 *
 * @example app.use(createShopEventsRouter({ secret, shopId: 'lindenhof', outbox, now: () => new Date(), sellerNames }));
 */
export function createShopEventsRouter(deps: ShopEventsRouterDeps): Router {
  const secrets = (typeof deps.secret === 'string' ? [deps.secret] : [...deps.secret]).filter((s) => s.length > 0);
  if (secrets.length === 0) throw new Error('the shop events webhook needs a secret (SHOPVOICE_SHOP_EVENTS_SECRET)');
  const router = express.Router();
  router.post('/shop/events', express.raw({ type: () => true, limit: BODY_LIMIT_BYTES }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!verified(req, raw, secrets, deps.now())) {
        deps.log?.warn({ event: 'shop_events.unauthorized' }, 'shop event refused: signature or timestamp');
        return void res.status(401).json({ error: 'unauthorized' });
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return void res.status(400).json({ error: 'bad_request', problems: ['the body is not JSON'] });
      }
      const { changes, problems } = parseStatusChanges(body);
      if (problems.length > 0) return void res.status(400).json({ error: 'bad_request', problems });
      const results = [];
      for (const { customerId, ...change } of changes) results.push(await enqueueStatusChange(deps, customerId, { shopId: deps.shopId, ...change }));
      deps.log?.info({ event: 'shop_events.accepted', outcomes: results.map((r) => r.outcome) }, 'shop events accepted');
      res.status(202).json({ enqueued: results.filter((r) => r.outcome === 'enqueued').map((r) => r.referenceId), results });
    } catch (error) {
      next(error);
    }
  });
  router.use('/shop/events', (error: Error & { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (error.type === 'entity.too.large') return void res.status(413).json({ error: 'payload_too_large', limitBytes: BODY_LIMIT_BYTES });
    deps.log?.warn({ event: 'shop_events.failed', err: error }, 'shop event failed');
    // A store that is down: the shop should send again later, which is safe (one reference id per change).
    res.status(error.status && error.status < 500 ? 400 : 503).json({ error: error.status && error.status < 500 ? 'bad_request' : 'unavailable' });
  });
  return router;
}
