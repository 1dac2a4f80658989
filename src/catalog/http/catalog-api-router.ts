import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { timingSafeEqual, createHash } from 'node:crypto';
import { ShopError } from '../shop-error.js';
import type { Commerce } from '../commerce.js';

/**
 * The shop catalog API that shopvoice's HTTP client speaks (README, "Connect a real shop"),
 * served over any Commerce. It is the reference for merchants writing their own endpoint, and
 * the counterpart the client's tests run against.
 */
export function createCatalogApiRouter(commerce: Commerce, options: { token: string }): Router {
  const router = express.Router();
  const expected = createHash('sha256').update(`Bearer ${options.token}`).digest();

  router.use((req, res, next) => {
    const given = createHash('sha256').update(String(req.headers.authorization ?? '')).digest();
    if (!timingSafeEqual(given, expected)) return void res.status(401).json({ error: { code: 'UNAUTHORIZED' } });
    next();
  });
  router.use(express.json({ limit: '16kb' }));

  const route = (handler: (req: Request) => Promise<unknown>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = await handler(req);
      if (body === undefined) return void res.status(404).json({ error: { code: 'NOT_FOUND' } });
      res.json(body);
    } catch (error) {
      if (error instanceof ShopError) return void res.status(422).json({ error: { code: error.code, params: error.params } });
      next(error);
    }
  };
  const param = (req: Request, name: string) => String(req.params[name]);
  const customer = async (req: Request) => {
    const token = req.headers['x-customer-token'];
    return typeof token === 'string' ? commerce.customerByToken(token) : undefined;
  };

  router.get('/v1/health', route(async () => (await commerce.ping(), { status: 'ok' })));
  router.get('/v1/shop', route(() => commerce.shopInfo()));
  router.get('/v1/catalog/version', route(async () => ({ version: await commerce.catalogVersion() })));
  router.get('/v1/products', route(async (req) => {
    if (typeof req.query.variantGroup === 'string') return { items: await commerce.listVariants(req.query.variantGroup) };
    const all = await commerce.listProducts();
    const limit = Math.min(Math.max(Number(req.query.limit) || 500, 1), 1000);
    const start = typeof req.query.cursor === 'string' ? Math.max(0, all.findIndex((p) => p.id > String(req.query.cursor))) : 0;
    const page = all.slice(start, start + limit);
    const last = page[page.length - 1];
    return { items: page, next: start + limit < all.length && last ? last.id : undefined };
  }));
  router.get('/v1/products/:id', route((req) => commerce.getProduct(param(req, 'id'))));
  router.get('/v1/customer', route(customer));
  router.get('/v1/customers/:id/orders', route(async (req) => ({ items: await commerce.listOrders(param(req, 'id')) })));
  router.get('/v1/customers/:id/orders/:number', route((req) => commerce.getOrder(param(req, 'id'), param(req, 'number'))));
  router.post('/v1/customers/:id/orders/:number/reorder-quote', route((req) => commerce.quoteReorder(param(req, 'id'), param(req, 'number'))));
  router.post('/v1/customers/:id/orders/:number/reorder', route(async (req) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < 8) throw new ShopError('INTERNAL', { reason: 'Idempotency-Key header required' });
    return commerce.placeReorder(param(req, 'id'), param(req, 'number'), key);
  }));
  router.get('/v1/stores', route(async () => ({ items: await commerce.listStores() })));
  router.get('/v1/stores/:id/special-days', route(async (req) => ({
    items: await commerce.specialDays(param(req, 'id'), String(req.query.from), String(req.query.to)),
  })));
  router.get('/v1/faq', route(async () => ({ items: await commerce.faqTopics() })));
  router.get('/v1/faq/:id', route(async (req) => {
    const answer = await commerce.faqAnswer(param(req, 'id'), req.query.lang === 'en' ? 'en' : 'de');
    return answer === undefined ? undefined : { answer };
  }));
  return router;
}
