import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Commerce, Localized, Order, Product } from '../../src/catalog/commerce.js';
import { seedCustomers } from '../../src/catalog/embedded/seed/customers.js';
import type { Language } from '../../src/catalog/commerce.js';
import { OpenApiValidator, shopwareStoreApiDocument } from '../catalog-contract/schema/openapi-validator.js';

type Json = Record<string, any>;

/** Shopware ids are 32 hex digits; the fake derives them from our ids, so they are stable. */
export const hexId = (kind: string, key: string) => createHash('md5').update(`${kind}:${key}`).digest('hex');

export const FAKE_SHOPWARE_ACCESS_KEY = 'SWSCFAKESHOPVOICE0000000001';
/** Context tokens of the demo customers' logged-in (voice) sessions, by our demo access token. */
export const FAKE_SHOPWARE_CONTEXTS: Record<string, string> = Object.fromEntries(
  seedCustomers.map((c) => [c.accessToken, hexId('context', c.id)]),
);
export const FAKE_SHOPWARE_LANGUAGES: Record<Language, string> = { de: hexId('language', 'de'), en: hexId('language', 'en') };
/** Every demo customer's shop password (`POST /account/login` with the customer's e-mail). */
export const FAKE_SHOPWARE_PASSWORD = 'Lindenhof-Passwort-2026';

/** A CMS page the fake serves at `/cms/{id}`: its name and its text slots' HTML per language. */
export interface FakeCmsPage {
  name: Localized;
  texts: Localized[];
}

export interface FakeShopwareOptions {
  /** CMS pages by their 32-hex id. */
  cmsPages?: Record<string, FakeCmsPage>;
}

export interface FakeShopware {
  url: string;
  /** Every schema violation seen, request or response; a test asserts it stays empty. */
  violations: string[];
  /** Requests answered, by operation id. */
  calls: Map<string, number>;
  /** Whether a context token belongs to a logged-in customer right now. */
  isLoggedIn(contextToken: string): boolean;
  /** Changes a customer's default payment method (technical name). */
  setPaymentMethod(customerId: string, technicalName: string): void;
  /** Changes a product's price as the merchant would in the administration (its updatedAt moves). */
  setPrice(productNumber: string, priceCents: number): void;
  close(): Promise<void>;
}

const VAT = 19;
const euros = (cents: number) => cents / 100;
const tax = (gross: number) => Math.round((gross * VAT) / (100 + VAT) * 100) / 100;
const UNIT_NAMES: Record<string, Localized> = { l: { de: 'Liter', en: 'litre' }, kg: { de: 'Kilogramm', en: 'kilogram' }, m: { de: 'Meter', en: 'metre' }, piece: { de: 'Stück', en: 'piece' } };
const GROUP_NAMES: Record<string, Localized> = { colour: { de: 'Farbe', en: 'Colour' }, size: { de: 'Größe', en: 'Size' } };
const PAYMENT: Record<string, string> = { payment_invoice: 'Rechnung', payment_paypal: 'PayPal' };
const BERLIN_DATE = '2026-11-22T10:00:00.000+00:00';

function calculatedPrice(unitGross: number, quantity: number): Json {
  const total = Math.round(unitGross * quantity * 100) / 100;
  return {
    apiAlias: 'calculated_price', unitPrice: unitGross, quantity, totalPrice: total,
    calculatedTaxes: [{ apiAlias: 'cart_tax_calculated', tax: tax(total), taxRate: VAT, price: total }],
    referencePrice: null, listPrice: null, regulationPrice: null, taxRules: [{ taxRate: VAT, name: `${VAT} %` }],
  };
}

/**
 * A Shopware 6 Store API on 127.0.0.1 that answers from the embedded demo shop's data, for the
 * operations the adapter uses. Every request and every response is validated against the OpenAPI
 * document `@shopware/api-client` ships; a violation answers 500 (so the adapter's call fails)
 * and is recorded in `violations`.
 *
 * @example const fake = await startFakeShopware(embeddedShop); createShopwareCommerce({ shopUrl: fake.url, ... })
 */
export async function startFakeShopware(demo: Commerce, options: FakeShopwareOptions = {}): Promise<FakeShopware> {
  const validator = new OpenApiValidator(shopwareStoreApiDocument(), 'shopware-store-api');
  const products = await demo.listProducts();
  const updatedAt = new Map<string, string>();
  const families = new Map<string, Product[]>();
  for (const p of products) if (p.variantGroup) families.set(p.variantGroup, [...(families.get(p.variantGroup) ?? []), p]);
  const info = await demo.shopInfo();

  const customers = new Map<string, { id: string; first: string; last: string; email: string; payment: string; demoId: string }>();
  const orders = new Map<string, Json[]>();
  const byContext = new Map<string, string>();
  const carts = new Map<string, Array<{ product: Product; quantity: number }>>();
  for (const c of seedCustomers) {
    const id = hexId('customer', c.id);
    const [first, ...rest] = c.name.split(' ');
    customers.set(id, { id, first: first!, last: rest.join(' '), email: c.email, payment: 'payment_invoice', demoId: c.id });
    byContext.set(FAKE_SHOPWARE_CONTEXTS[c.accessToken]!, id);
    const demoCustomer = await demo.customerByToken(c.accessToken);
    orders.set(id, (await demo.listOrders(demoCustomer!.id)).map((o) => orderJson(o, id)));
  }
  let nextOrderNumber = 10045;
  let logins = 0;

  function cmsJson(id: string, page: FakeCmsPage, language: Language): Json {
    const sectionId = hexId('cms-section', id);
    const blocks = page.texts.map((text, i) => {
      const blockId = hexId('cms-block', `${id}:${i}`);
      const slot = { apiAlias: 'cms_slot', id: hexId('cms-slot', `${id}:${i}`), blockId, type: 'text', slot: 'content',
        config: { content: { source: 'static', value: text[language] } }, translated: { config: { content: { value: text[language] } } },
        data: { apiAlias: 'cms_text_struct', content: text[language] } };
      return { apiAlias: 'cms_block', id: blockId, position: i, type: 'text', sectionId, sectionPosition: 'main', slots: [slot] };
    });
    return { apiAlias: 'cms_page', id, type: 'page', name: page.name[language], translated: { name: page.name[language] },
      sections: [{ apiAlias: 'cms_section', id: sectionId, pageId: id, position: 0, type: 'default', blocks }] };
  }

  function productJson(p: Product, language: Language): Json {
    const parentId = p.variantGroup ? hexId('product', p.variantGroup) : null;
    const price = calculatedPrice(euros(p.priceCents), 1);
    if (p.unitPrice) {
      price.referencePrice = {
        apiAlias: 'cart_price_reference', price: euros(p.unitPrice.cents), purchaseUnit: 1, referenceUnit: 1,
        unitName: UNIT_NAMES[p.unitPrice.unit]![language], hasRange: false, listPrice: null, regulationPrice: null,
      };
    }
    const category = { apiAlias: 'category', id: hexId('category', p.category), name: p.category, translated: { name: p.category, breadcrumb: [p.category] },
      breadcrumb: [p.category], children: [], childCount: 0, type: 'page' };
    const json: Json = {
      apiAlias: 'product', id: hexId('product', p.id), ...(parentId ? { parentId } : {}), productNumber: p.id, taxId: hexId('tax', '19'), type: 'physical',
      active: true, available: p.available, stock: p.stock, availableStock: p.stock, isCloseout: true, childCount: 0,
      name: p.name[language], description: p.description[language], translated: { name: p.name[language], description: p.description[language] },
      calculatedPrice: price, calculatedPrices: [], seoCategory: category,
      manufacturer: { id: hexId('manufacturer', p.brand), name: p.brand, translated: { name: p.brand } },
      createdAt: '2026-01-01T00:00:00.000+00:00', updatedAt: updatedAt.get(p.id) ?? '2026-11-01T00:00:00.000+00:00',
      options: Object.entries(p.attributes ?? {}).map(([key, value]) => {
        const group = { id: hexId('group', key), name: GROUP_NAMES[key]?.[language] ?? key, translated: { name: GROUP_NAMES[key]?.[language] ?? key } };
        return { id: hexId('option', `${key}:${value}`), groupId: group.id, group, name: value, option: value, translated: { name: value } };
      }),
    };
    return json;
  }
  function containerJson(group: string, members: Product[], language: Language): Json {
    const json = productJson(members[0]!, language);
    const { parentId: _parent, ...rest } = json;
    return { ...rest, id: hexId('product', group), productNumber: group, childCount: members.length, options: [] };
  }
  function catalogJson(language: Language): Json[] {
    const all = [...products.map((p) => productJson(p, language)), ...[...families].map(([g, m]) => containerJson(g, m, language))];
    return all.sort((a, b) => (a.productNumber < b.productNumber ? -1 : 1));
  }

  function orderJson(o: Order, customerId: string, extra: Json = {}): Json {
    const id = hexId('order', o.number);
    const state = { open: 'open', received: 'open', in_progress: 'in_progress', shipped: 'in_progress', delivered: 'completed', cancelled: 'cancelled' }[o.status];
    const stateMachine = (name: string) => ({ technicalName: name, name, translated: { name } });
    const shipping = o.totalCents - o.lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
    return {
      id, orderNumber: o.number, orderDate: o.placedAt.slice(0, 10), orderDateTime: new Date(o.placedAt).toISOString(),
      billingAddressId: hexId('address', customerId), currencyId: hexId('currency', 'EUR'), languageId: FAKE_SHOPWARE_LANGUAGES.de,
      salesChannelId: hexId('channel', 'voice'), currencyFactor: 1, documents: [], amountTotal: euros(o.totalCents),
      price: { apiAlias: 'cart_price', netPrice: euros(o.totalCents) - tax(euros(o.totalCents)), totalPrice: euros(o.totalCents), positionPrice: euros(o.totalCents - shipping),
        rawTotal: euros(o.totalCents), taxStatus: 'gross', calculatedTaxes: [{ apiAlias: 'cart_tax_calculated', tax: tax(euros(o.totalCents)), taxRate: VAT, price: euros(o.totalCents) }],
        taxRules: [{ taxRate: VAT, name: `${VAT} %` }] },
      stateMachineState: stateMachine(state!),
      lineItems: o.lines.map((l, i) => ({
        apiAlias: 'order_line_item', id: hexId('line', `${o.number}:${i}`), orderId: id, identifier: hexId('product', l.productId), referencedId: hexId('product', l.productId),
        productId: hexId('product', l.productId), type: 'product', quantity: l.quantity, label: l.name.de, position: i + 1, children: [], states: ['is-physical'],
        unitPrice: euros(l.unitPriceCents), totalPrice: euros(l.unitPriceCents * l.quantity), payload: { productNumber: l.productId },
      })),
      deliveries: [{
        id: hexId('delivery', o.number), orderId: id, shippingOrderAddressId: hexId('address', customerId), shippingMethodId: hexId('shipping', o.carrier ?? 'standard'),
        stateId: hexId('state', o.status), shippingDateEarliest: `${o.expectedDelivery ?? o.placedAt.slice(0, 10)}T00:00:00.000+00:00`,
        shippingDateLatest: `${o.expectedDelivery ?? o.placedAt.slice(0, 10)}T00:00:00.000+00:00`, trackingCodes: o.trackingNumber ? [o.trackingNumber] : [],
        stateMachineState: stateMachine(o.status === 'shipped' || o.status === 'delivered' ? 'shipped' : o.status === 'cancelled' ? 'cancelled' : 'open'),
        shippingMethod: { id: hexId('shipping', o.carrier ?? 'standard'), technicalName: 'shipping_standard', deliveryTimeId: hexId('delivery-time', '2-3'),
          name: o.carrier ?? 'Standard', translated: { name: o.carrier ?? 'Standard' } },
      }],
      ...extra,
    };
  }

  function cartJson(context: string): Json {
    const lines = (carts.get(context) ?? []).map((l) => ({ ...l, product: products.find((p) => p.id === l.product.id) ?? l.product }));
    const items = lines.reduce((s, l) => s + l.product.priceCents * l.quantity, 0);
    const shipping = lines.length === 0 || items >= info.freeShippingFromCents ? 0 : info.shippingCents;
    const total = euros(items + shipping);
    return {
      apiAlias: 'cart', token: context, name: context,
      price: { apiAlias: 'cart_price', netPrice: total - tax(total), totalPrice: total, positionPrice: euros(items), rawTotal: total, taxStatus: 'gross',
        calculatedTaxes: [{ apiAlias: 'cart_tax_calculated', tax: tax(total), taxRate: VAT, price: total }], taxRules: [{ taxRate: VAT, name: `${VAT} %` }] },
      lineItems: lines.map((l) => ({ id: hexId('product', l.product.id), referencedId: hexId('product', l.product.id), type: 'product', label: l.product.name.de,
        quantity: l.quantity, good: true, price: calculatedPrice(euros(l.product.priceCents), l.quantity) })),
      deliveries: [{ shippingCosts: calculatedPrice(euros(shipping), 1) }],
      errors: {}, modified: false, customerComment: null, affiliateCode: null, campaignCode: null,
    };
  }

  const contextJson = (customerId: string | undefined): Json => {
    const customer = customerId ? customers.get(customerId) : undefined;
    const payment = customer?.payment ?? 'payment_invoice';
    const rounding = { apiAlias: 'shopware_core_framework_data_abstraction_layer_pricing_cash_rounding_config', decimals: 2, interval: 0.01, roundForNet: true };
    return {
      apiAlias: 'sales_channel_context', token: hexId('anonymous', 'context'), itemRounding: rounding, totalRounding: rounding,
      languageInfo: { name: 'Deutsch', localeCode: 'de-DE' },
      salesChannel: { id: hexId('channel', 'voice'), languageId: FAKE_SHOPWARE_LANGUAGES.de, customerGroupId: hexId('group', 'default'), currencyId: hexId('currency', 'EUR'),
        paymentMethodId: hexId('payment', 'payment_invoice'), shippingMethodId: hexId('shipping', 'standard'), countryId: hexId('country', 'DE'),
        navigationCategoryId: hexId('category', 'root'), name: 'Sprachassistent' },
      paymentMethod: { id: hexId('payment', payment), technicalName: payment, name: PAYMENT[payment] ?? payment },
    };
  };

  function route(method: string, path: string, headers: IncomingMessage['headers'], body: Json | undefined): { status: number; body?: unknown; headers?: Record<string, string> } {
    const language: Language = headers['sw-language-id'] === FAKE_SHOPWARE_LANGUAGES.en ? 'en' : 'de';
    const context = typeof headers['sw-context-token'] === 'string' ? headers['sw-context-token'] : undefined;
    const customerId = context ? byContext.get(context) : undefined;
    const forbidden = { status: 403, body: { errors: [{ status: '403', title: 'Forbidden', detail: 'Customer is not logged in.', code: 'CHECKOUT__CUSTOMER_NOT_LOGGED_IN' }] } };
    if (method === 'POST' && path === '/language') {
      const languages = (['de', 'en'] as const).map((l) => ({ id: FAKE_SHOPWARE_LANGUAGES[l], localeId: hexId('locale', l), name: l === 'de' ? 'Deutsch' : 'English',
        locale: { id: hexId('locale', l), code: l === 'de' ? 'de-DE' : 'en-GB', name: l, territory: l === 'de' ? 'Deutschland' : 'United Kingdom' } }));
      return { status: 200, body: { elements: languages, total: 2, aggregations: [] } };
    }
    if (method === 'POST' && path === '/product') {
      let all = catalogJson(language);
      for (const f of (body?.filter ?? []) as Json[]) {
        if (f.type === 'equalsAny' && f.field === 'productNumber') {
          const wanted = new Set(String(f.value).split('|'));
          all = all.filter((p) => wanted.has(p.productNumber));
        } else return { status: 400, body: { errors: [{ status: '400', title: 'Bad Request', detail: `the fake knows no filter ${JSON.stringify(f)}` }] } };
      }
      const sort = body?.sort?.[0];
      if (sort?.field === 'updatedAt') all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const limit = Number(body?.limit ?? 100);
      const page = Number(body?.page ?? 1);
      let elements = all.slice((page - 1) * limit, page * limit);
      const fields = body?.includes?.product as string[] | undefined;
      if (fields) elements = elements.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => fields.includes(k))));
      return { status: 200, body: { elements, total: all.length, aggregations: [], page, limit, entity: 'product', apiAlias: 'dal_entity_search_result' } };
    }
    if (method === 'GET' && path === '/context') return { status: 200, body: contextJson(customerId) };
    if (method === 'POST' && path === '/account/login') {
      const c = [...customers.values()].find((x) => x.email === body?.username);
      if (!c || body?.password !== FAKE_SHOPWARE_PASSWORD) {
        return { status: 401, body: { errors: [{ status: '401', title: 'Unauthorized', detail: 'Invalid username and/or password.', code: 'CHECKOUT__CUSTOMER_AUTH_BAD_CREDENTIALS' }] } };
      }
      const token = hexId('login', `${c.id}:${logins++}`);
      byContext.set(token, c.id);
      return { status: 200, body: { contextToken: token }, headers: { 'sw-context-token': token } };
    }
    const cms = /^\/cms\/([0-9a-f]{32})$/.exec(path);
    if (method === 'POST' && cms) {
      const page = options.cmsPages?.[cms[1]!];
      if (!page) return { status: 404, body: { errors: [{ status: '404', title: 'Not Found', detail: `Page with id "${cms[1]}" was not found.`, code: 'CONTENT__CMS_PAGE_NOT_FOUND' }] } };
      return { status: 200, body: cmsJson(cms[1]!, page, language) };
    }
    if (method === 'POST' && path === '/account/customer') {
      const c = customerId ? customers.get(customerId) : undefined;
      if (!c) return forbidden;
      const address = { id: hexId('address', c.id), customerId: c.id, countryId: hexId('country', 'DE'), firstName: c.first, lastName: c.last, city: 'München', street: 'Lindenstraße 1' };
      return { status: 200, body: { apiAlias: 'customer', id: c.id, groupId: hexId('group', 'default'), salesChannelId: hexId('channel', 'voice'), languageId: FAKE_SHOPWARE_LANGUAGES.de,
        defaultBillingAddressId: address.id, defaultShippingAddressId: address.id, activeBillingAddress: address, activeShippingAddress: address,
        accountType: 'private', customerNumber: c.demoId, firstName: c.first, lastName: c.last, email: c.email, guest: false } };
    }
    if (!customerId) return forbidden;
    if (method === 'POST' && path === '/account/logout') {
      byContext.delete(context!);
      const fresh = hexId('anonymous', `${context}:out`);
      return { status: 200, body: {}, headers: { 'sw-context-token': fresh } };
    }
    if (method === 'POST' && path === '/order') {
      const list = [...orders.get(customerId)!].sort((a, b) => b.orderDateTime.localeCompare(a.orderDateTime) || b.orderNumber.localeCompare(a.orderNumber));
      return { status: 200, body: { orders: { elements: list.slice(0, Number(body?.limit ?? 100)), total: list.length, aggregations: [], entity: 'order' }, paymentChangeable: {} } };
    }
    if (method === 'DELETE' && path === '/checkout/cart') {
      carts.delete(context!);
      return { status: 204 };
    }
    if (method === 'POST' && path === '/checkout/cart/line-item') {
      const lines = carts.get(context!) ?? [];
      for (const item of body!.items as Json[]) {
        const product = products.find((p) => hexId('product', p.id) === item.referencedId);
        if (!product) return { status: 400, body: { errors: [{ status: '400', title: 'Bad Request', detail: 'unknown product' }] } };
        // As Shopware: the same product again adds to its line.
        const line = lines.find((l) => l.product.id === product.id);
        if (line) line.quantity += item.quantity;
        else lines.push({ product, quantity: item.quantity });
      }
      carts.set(context!, lines);
      return { status: 200, body: cartJson(context!) };
    }
    // The voice cart (issue 17): read, change a line's quantity, take lines out.
    if (method === 'GET' && path === '/checkout/cart') return { status: 200, body: cartJson(context!) };
    if (method === 'PATCH' && path === '/checkout/cart/line-item') {
      const lines = carts.get(context!) ?? [];
      for (const item of body!.items as Json[]) {
        const line = lines.find((l) => hexId('product', l.product.id) === item.id);
        if (line && typeof item.quantity === 'number') line.quantity = item.quantity;
      }
      return { status: 200, body: cartJson(context!) };
    }
    if (method === 'POST' && path === '/checkout/cart/line-item/delete') {
      const ids = new Set(body!.ids as string[]);
      carts.set(context!, (carts.get(context!) ?? []).filter((l) => !ids.has(hexId('product', l.product.id))));
      return { status: 200, body: cartJson(context!) };
    }
    if (method === 'POST' && path === '/checkout/order') {
      const lines = carts.get(context!) ?? [];
      if (lines.length === 0) return { status: 400, body: { errors: [{ status: '400', title: 'Bad Request', detail: 'cart is empty', code: 'CHECKOUT__CART_EMPTY' }] } };
      const items = lines.reduce((s, l) => s + l.product.priceCents * l.quantity, 0);
      const shipping = items >= info.freeShippingFromCents ? 0 : info.shippingCents;
      const order: Order = { number: String(nextOrderNumber++), customerId, status: 'received', placedAt: BERLIN_DATE, totalCents: items + shipping,
        lines: lines.map((l) => ({ productId: l.product.id, name: l.product.name, quantity: l.quantity, unitPriceCents: l.product.priceCents })) };
      const json = orderJson(order, customerId, { affiliateCode: body?.affiliateCode, campaignCode: body?.campaignCode });
      json.deliveries[0].trackingCodes = [];
      orders.get(customerId)!.push(json);
      carts.delete(context!);
      return { status: 200, body: json };
    }
    return { status: 404, body: { errors: [{ status: '404', title: 'Not Found', detail: `the fake does not serve ${method} ${path}` }] } };
  }

  const violations: string[] = [];
  const calls = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname.replace(/^\/store-api/, '');
      const method = req.method ?? 'GET';
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, body === undefined ? headers : { 'content-type': 'application/json', ...headers });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      let body: Json | undefined;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json : undefined;
      } catch {
        return send(400, { errors: [{ status: '400', title: 'Bad Request', detail: 'body is not JSON' }] });
      }
      if (req.headers['sw-access-key'] !== FAKE_SHOPWARE_ACCESS_KEY) {
        return send(401, { errors: [{ status: '401', title: 'Unauthorized', detail: 'The sw-access-key header is missing or invalid.' }] });
      }
      const requestProblems = validator.request(method, path, { headers: req.headers, query: Object.fromEntries(url.searchParams), body });
      if (requestProblems.length) {
        violations.push(...requestProblems.map((p) => `request ${p}`));
        return send(400, { errors: requestProblems.map((detail) => ({ status: '400', title: 'Bad Request', detail })) });
      }
      const answer = route(method, path, req.headers, body);
      const responseProblems = validator.response(method, path, answer.status, answer.body);
      if (responseProblems.length) {
        violations.push(...responseProblems.map((p) => `response ${p}`));
        return send(500, { errors: [{ status: '500', title: 'fake answered outside the schema', detail: responseProblems.join('; ') }] });
      }
      const op = validator.operation(method, path)!.operationId;
      calls.set(op, (calls.get(op) ?? 0) + 1);
      send(answer.status, answer.body, answer.headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    violations,
    calls,
    isLoggedIn(contextToken) {
      return byContext.has(contextToken);
    },
    setPaymentMethod(customerId, technicalName) {
      customers.get(customerId)!.payment = technicalName;
    },
    setPrice(productNumber, priceCents) {
      const i = products.findIndex((p) => p.id === productNumber);
      products[i] = { ...products[i]!, priceCents };
      updatedAt.set(productNumber, `2026-11-22T10:0${updatedAt.size}:00.000+00:00`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
