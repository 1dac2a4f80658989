import express, { type Request, type Response, type Router } from 'express';
import type { Commerce, Customer } from '../../catalog/commerce.js';
import { sameOrigin } from '../../console/console-security.js';
import type { Logger } from '../../domain/deps.js';
import { PURCHASE_CODE, type PurchaseCodeStore } from '../../state/purchase-code-store.js';

/** Nothing inline and nothing from elsewhere; the page has no script at all. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface PurchaseCodeRouterOptions {
  commerce: Commerce;
  codes: PurchaseCodeStore;
  log: Logger;
  now: () => Date;
}

/**
 * The linked account's purchase code page (issue 17): `GET /account/purchase-code` says whether a
 * code is set and offers a form; `POST` sets (`code` and `repeat`, four digits each) or removes
 * (`remove=1`) it. Authenticated by the linked account's access token as a bearer header (the
 * shop's app opens the page with it), so no cookie exists for another site to ride on; a POST must
 * also come from this origin. The code is hashed at once and never echoed or logged.
 *
 * @example app.use(createPurchaseCodeRouter({ commerce, codes, log, now: () => new Date() }));
 */
export function createPurchaseCodeRouter(options: PurchaseCodeRouterOptions): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 5 });

  router.use('/account/purchase-code', (_req, res, next) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  });

  router.get('/account/purchase-code', async (req, res, next) => {
    try {
      const customer = await authenticated(req, res, options.commerce);
      if (!customer) return;
      page(res, 200, (await options.codes.hasCode(customer.id)) ? 'Ein Kaufcode ist gesetzt. / A purchase code is set.' : 'Kein Kaufcode gesetzt. / No purchase code set.');
    } catch (error) {
      next(error);
    }
  });

  router.post('/account/purchase-code', form, async (req, res, next) => {
    try {
      if (!sameOrigin(req)) {
        res.status(403).json({ error: 'cross-site request refused' });
        return;
      }
      const customer = await authenticated(req, res, options.commerce);
      if (!customer) return;
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (body.remove === '1') {
        await options.codes.removeCode(customer.id);
        options.log.info({ event: 'purchase_code.removed' }, 'purchase code removed');
        page(res, 200, 'Der Kaufcode ist entfernt. / The purchase code is removed.');
        return;
      }
      const code = typeof body.code === 'string' ? body.code.trim() : '';
      if (!PURCHASE_CODE.test(code) || body.repeat !== body.code) {
        page(res, 422, 'Bitte zweimal dieselben vier Ziffern eingeben. / Please enter the same four digits twice.');
        return;
      }
      await options.codes.setCode(customer.id, code, options.now());
      options.log.info({ event: 'purchase_code.set' }, 'purchase code set');
      page(res, 200, 'Der Kaufcode ist gespeichert. / The purchase code is saved.');
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/** The customer behind `Authorization: Bearer <access token>`, or a 401 already sent. */
async function authenticated(req: Request, res: Response, commerce: Commerce): Promise<Customer | undefined> {
  const match = /^Bearer +(\S{1,512}) *$/i.exec(req.headers.authorization ?? '');
  const customer = match ? await commerce.customerByToken(match[1]!) : undefined;
  if (!customer) {
    res.setHeader('www-authenticate', 'Bearer realm="account"');
    res.status(401).json({ error: 'unauthorized' });
  }
  return customer;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The whole page: a status line and the two forms. No script, no value of the code. */
function page(res: Response, status: number, message: string): void {
  res.status(status).type('html').send(`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kaufcode / Purchase code</title></head>
<body>
<h1>Kaufcode / Purchase code</h1>
<p role="status">${escapeHtml(message)}</p>
<form method="post" action="/account/purchase-code">
<label>Vier Ziffern / Four digits <input name="code" type="password" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off" required></label>
<label>Noch einmal / Again <input name="repeat" type="password" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off" required></label>
<button type="submit">Speichern / Save</button>
</form>
<form method="post" action="/account/purchase-code"><input type="hidden" name="remove" value="1"><button type="submit">Entfernen / Remove</button></form>
</body></html>
`);
}
