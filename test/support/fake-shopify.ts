import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, Kind, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Commerce, Localized, Order, Product } from '../../src/catalog/commerce.js';
import { seedCustomers } from '../../src/catalog/embedded/seed/customers.js';
import type { Language } from '../../src/catalog/commerce.js';
import { shopifySchema, type ShopifyApi } from '../catalog-contract/schema/shopify-schemas.js';

type Json = Record<string, any>;

export const FAKE_SHOPIFY_DOMAIN = 'lindenhof-fake.myshopify.com';
export const FAKE_SHOPIFY_STOREFRONT_TOKEN = 'shpat_storefront_fake_0001';
export const FAKE_SHOPIFY_ADMIN_TOKEN = 'shpat_admin_fake_0001';
export const FAKE_SHOPIFY_CUSTOMER_ACCOUNT_URL = 'https://shopify.com/70000000001/account/customer/api/2026-04/graphql';

export interface FakeShopify {
  /** A fetch that sends the shop's https origins to this server (the clients force https). */
  fetch: typeof fetch;
  /** Every query the schema refused, and every answer execution against the schema found wrong. */
  violations: string[];
  /** Operations answered, by API and operation name. */
  calls: Map<string, number>;
  /** Checkout links e-mailed (draftOrderInvoiceSend), to whom. */
  invoicesSent: Array<{ draftOrderId: string; email: string }>;
  /** Changes a variant's price as the merchant would (its product's updatedAt moves). */
  setPrice(sku: string, priceCents: number): void;
  close(): Promise<void>;
}

const GROUP_NAMES: Record<string, Localized> = { colour: { de: 'Farbe', en: 'Colour' }, size: { de: 'Größe', en: 'Size' } };
const UNIT_CODES: Record<string, string> = { l: 'L', kg: 'KG', m: 'M', piece: 'ITEM' };
const money = (cents: number) => ({ amount: (cents / 100).toFixed(2), currencyCode: 'EUR' });
const FIXED_NOW = '2026-11-22T10:00:00Z';

/** The longest run of whole words all names start with ("Laufschuh Air Zoom"). */
function commonWords(names: string[]): string {
  const split = names.map((n) => n.split(' '));
  const words: string[] = [];
  for (let i = 0; split.every((w) => i < w.length - 1 && w[i] === split[0]![i]); i++) words.push(split[0]![i]!);
  return words.join(' ');
}

/**
 * Shopify's Storefront, Customer Account and Admin GraphQL APIs on 127.0.0.1, answering from the
 * embedded demo shop. Every query is validated against the official schema of its API, and
 * answered by executing it against that schema (graphql-js), so answers have the schema's shape:
 * a non-null field left null or an unknown enum value is an error, recorded in `violations`.
 *
 * @example const fake = await startFakeShopify(embeddedShop); createShopifyCommerce({ ..., fetch: fake.fetch })
 */
export async function startFakeShopify(demo: Commerce): Promise<FakeShopify> {
  const products = await demo.listProducts();
  const families = new Map<string, Product[]>();
  const singles: Product[] = [];
  for (const p of products) {
    if (p.variantGroup) families.set(p.variantGroup, [...(families.get(p.variantGroup) ?? []), p]);
    else singles.push(p);
  }
  const groups: Array<{ key: string; members: Product[] }> = [
    ...singles.map((p) => ({ key: p.id, members: [p] })),
    ...[...families].map(([key, members]) => ({ key, members })),
  ];
  const variantGid = new Map(products.map((p, i) => [p.id, `gid://shopify/ProductVariant/${40000 + i}`]));
  const productBySku = new Map(products.map((p) => [p.id, p]));
  const updatedAt = new Map<string, string>();
  const skuOfVariant = new Map([...variantGid].map(([sku, gid]) => [gid, sku]));

  function variantJson(p: Product, title: string, language: Language): Json {
    const json: Json = {
      __typename: 'ProductVariant', id: variantGid.get(p.id), sku: p.id, title, availableForSale: p.available, quantityAvailable: p.stock,
      price: money(p.priceCents), unitPrice: null, unitPriceMeasurement: null,
      selectedOptions: Object.entries(p.attributes ?? {}).map(([key, value]) => ({ name: GROUP_NAMES[key]?.[language] ?? key, value })),
    };
    if (p.unitPrice) {
      json.unitPrice = money(p.unitPrice.cents);
      json.unitPriceMeasurement = { referenceUnit: UNIT_CODES[p.unitPrice.unit], referenceValue: 1, quantityUnit: UNIT_CODES[p.unitPrice.unit], quantityValue: 1 };
    }
    return json;
  }
  function productsJson(language: Language): Json[] {
    return groups.map(({ key, members }, i) => {
      const first = members[0]!;
      const single = members.length === 1;
      const title = single ? first.name[language] : commonWords(members.map((m) => m.name[language]));
      return {
        __typename: 'Product', id: `gid://shopify/Product/${10000 + i}`, handle: key.toLowerCase(), title, description: first.description[language],
        vendor: first.brand, productType: first.category,
        updatedAt: members.map((m) => updatedAt.get(m.id) ?? '2026-11-01T00:00:00Z').sort().at(-1),
        variants: { nodes: members.map((m) => variantJson(productBySku.get(m.id)!, single ? 'Default Title' : m.name[language].slice(title.length + 1), language)) },
      };
    });
  }

  const customers = new Map<string, { gid: string; name: string; first: string; last: string; email: string; orders: Json[] }>();
  for (const [i, c] of seedCustomers.entries()) {
    const demoCustomer = (await demo.customerByToken(c.accessToken))!;
    const [first, ...rest] = c.name.split(' ');
    customers.set(c.accessToken, {
      gid: `gid://shopify/Customer/${7000 + i}`, name: c.name, first: first!, last: rest.join(' '), email: c.email,
      orders: (await demo.listOrders(demoCustomer.id)).map(orderJson),
    });
  }
  function orderJson(o: Order): Json {
    const shipped = o.status === 'shipped' || o.status === 'delivered';
    return {
      id: `gid://shopify/Order/${o.number}`, name: `#${o.number}`, number: Number(o.number), processedAt: o.placedAt,
      cancelledAt: o.status === 'cancelled' ? o.placedAt : null,
      fulfillmentStatus: shipped ? 'FULFILLED' : o.status === 'in_progress' ? 'IN_PROGRESS' : 'UNFULFILLED',
      totalPrice: money(o.totalCents),
      lineItems: { nodes: o.lines.map((l) => ({ sku: l.productId, title: l.name.de, variantTitle: null, variantId: variantGid.get(l.productId) ?? null, quantity: l.quantity, price: money(l.unitPriceCents) })) },
      fulfillments: { nodes: shipped ? [{
        status: 'SUCCESS', latestShipmentStatus: o.status === 'delivered' ? 'DELIVERED' : 'IN_TRANSIT',
        estimatedDeliveryAt: o.expectedDelivery ? `${o.expectedDelivery}T12:00:00Z` : null, updatedAt: `${o.deliveredOn ?? o.placedAt.slice(0, 10)}T12:00:00Z`,
        trackingInformation: o.trackingNumber ? [{ company: o.carrier ?? null, number: o.trackingNumber }] : [],
      }] : [] },
    };
  }

  const drafts: Json[] = [];
  const invoicesSent: FakeShopify['invoicesSent'] = [];
  const customerByGid = (gid: string) => [...customers.values()].find((c) => c.gid === gid);

  function connection(nodes: Json[], args: { first?: number; after?: string | null }) {
    const start = args.after ? Number(args.after) : 0;
    const page = nodes.slice(start, start + (args.first ?? 50));
    return { nodes: page, pageInfo: { hasNextPage: start + page.length < nodes.length, endCursor: String(start + page.length), hasPreviousPage: start > 0, startCursor: String(start) } };
  }

  function rootFor(api: ShopifyApi, language: Language, customerToken: string | undefined): Json {
    if (api === 'storefront') {
      return {
        products: (args: Json) => {
          const all = productsJson(language);
          if (args.sortKey === 'UPDATED_AT') all.sort((a, b) => (args.reverse ? -1 : 1) * a.updatedAt.localeCompare(b.updatedAt));
          return connection(all, args);
        },
        nodes: ({ ids }: { ids: string[] }) => ids.map((id) => {
          const sku = skuOfVariant.get(id);
          return sku ? variantJson(productBySku.get(sku)!, productBySku.get(sku)!.name[language], language) : null;
        }),
      };
    }
    if (api === 'customer-account') {
      const c = customerToken ? customers.get(customerToken) : undefined;
      return {
        customer: c && {
          id: c.gid, displayName: c.name, firstName: c.first, lastName: c.last, emailAddress: { emailAddress: c.email },
          orders: (args: Json) => connection([...c.orders].sort((a, b) => (args.reverse ? -1 : 1) * a.processedAt.localeCompare(b.processedAt)), args),
        },
      };
    }
    const draftJson = (d: Json) => ({ ...d, lineItems: { nodes: d.lineItems } });
    return {
      draftOrders: ({ first, query }: { first: number; query?: string }) => {
        const tag = /^tag:(\S+)$/.exec(query ?? '')?.[1];
        return { nodes: drafts.filter((d) => !tag || d.tags.includes(tag)).slice(0, first).map(draftJson) };
      },
      draftOrderCreate: ({ input }: { input: Json }) => {
        const userErrors: Json[] = [];
        const customer = customerByGid(input.purchasingEntity?.customerId);
        if (!customer) userErrors.push({ field: ['purchasingEntity', 'customerId'], message: 'Customer does not exist' });
        const lines = (input.lineItems as Json[]).map((l) => ({ product: productBySku.get(skuOfVariant.get(l.variantId) ?? ''), quantity: l.quantity }));
        if (lines.some((l) => !l.product)) userErrors.push({ field: ['lineItems'], message: 'Variant does not exist' });
        if (userErrors.length) return { draftOrder: null, userErrors };
        const items = lines.reduce((s, l) => s + l.product!.priceCents * l.quantity, 0);
        const shipping = Math.round(Number(input.shippingLine?.priceWithCurrency?.amount ?? 0) * 100);
        const draft = {
          id: `gid://shopify/DraftOrder/${900 + drafts.length}`, name: `#D${drafts.length + 1}`, createdAt: FIXED_NOW, invoiceSentAt: null,
          tags: input.tags ?? [], email: customer!.email, totalPriceSet: { shopMoney: money(items + shipping), presentmentMoney: money(items + shipping) },
          lineItems: lines.map((l) => ({ sku: l.product!.id, title: l.product!.name.de, quantity: l.quantity, originalUnitPriceSet: { shopMoney: money(l.product!.priceCents) } })),
        };
        drafts.push(draft);
        return { draftOrder: draftJson(draft), userErrors: [] };
      },
      draftOrderInvoiceSend: ({ id }: { id: string }) => {
        const draft = drafts.find((d) => d.id === id);
        if (!draft) return { draftOrder: null, userErrors: [{ field: ['id'], message: 'Draft order does not exist' }] };
        draft.invoiceSentAt = FIXED_NOW;
        invoicesSent.push({ draftOrderId: id, email: draft.email });
        return { draftOrder: draftJson(draft), userErrors: [] };
      },
    };
  }

  /** The language an `@inContext(language: …)` directive on the operation asks for. */
  function contextLanguage(document: DocumentNode, variables: Json): Language {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const argument = operation?.directives?.find((d) => d.name.value === 'inContext')?.arguments?.find((a) => a.name.value === 'language');
    const value = argument?.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : argument?.value.kind === Kind.ENUM ? argument.value.value : undefined;
    return value === 'EN' ? 'en' : 'de';
  }

  const violations: string[] = [];
  const calls = new Map<string, number>();
  async function answer(api: ShopifyApi, body: Json, customerToken: string | undefined): Promise<{ status: number; body: Json }> {
    let document: DocumentNode;
    try {
      document = parse(String(body.query));
    } catch (error) {
      violations.push(`${api}: ${String(error)}`);
      return { status: 200, body: { errors: [{ message: String(error) }] } };
    }
    const schema = shopifySchema(api);
    const problems = validate(schema, document);
    if (problems.length) {
      violations.push(...problems.map((p) => `${api} query: ${p.message}`));
      return { status: 200, body: { errors: problems.map((p) => ({ message: p.message })) } };
    }
    const variables = (body.variables ?? {}) as Json;
    const result = await execute({ schema, document, variableValues: variables, rootValue: rootFor(api, contextLanguage(document, variables), customerToken) });
    if (result.errors?.length) violations.push(...result.errors.map((e) => `${api} answer: ${e.message} at ${e.path?.join('.')}`));
    const name = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)?.name?.value ?? 'anonymous';
    calls.set(`${api}:${name}`, (calls.get(`${api}:${name}`) ?? 0) + 1);
    return { status: 200, body: result as Json };
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: Json) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      let body: Json;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
      } catch {
        return send(400, { errors: [{ message: 'body is not JSON' }] });
      }
      let api: ShopifyApi;
      let token: string | undefined;
      if (path === '/api/2026-04/graphql.json') {
        if (req.headers['shopify-storefront-private-token'] !== FAKE_SHOPIFY_STOREFRONT_TOKEN) return send(401, { errors: [{ message: 'Unauthorized' }] });
        api = 'storefront';
      } else if (path === '/admin/api/2026-04/graphql.json') {
        if (req.headers['x-shopify-access-token'] !== FAKE_SHOPIFY_ADMIN_TOKEN) return send(401, { errors: [{ message: 'Invalid API key or access token' }] });
        api = 'admin';
      } else if (path === new URL(FAKE_SHOPIFY_CUSTOMER_ACCOUNT_URL).pathname) {
        token = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
        if (!token || !customers.has(token)) return send(401, { errors: [{ message: 'Unauthorized' }] });
        api = 'customer-account';
      } else {
        return send(404, { errors: [{ message: `no API at ${path}` }] });
      }
      answer(api, body, token).then((a) => send(a.status, a.body), (error: unknown) => send(500, { errors: [{ message: String(error) }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const origins = [`https://${FAKE_SHOPIFY_DOMAIN}`, new URL(FAKE_SHOPIFY_CUSTOMER_ACCOUNT_URL).origin];
  const fakeFetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const origin = origins.find((o) => url.startsWith(o));
    if (!origin) return Promise.reject(new Error(`the Shopify fake reaches only ${origins.join(', ')}, not ${url}`));
    return fetch(local + url.slice(origin.length), init);
  }) as typeof fetch;
  return {
    fetch: fakeFetch,
    violations,
    calls,
    invoicesSent,
    setPrice(sku, priceCents) {
      productBySku.set(sku, { ...productBySku.get(sku)!, priceCents });
      updatedAt.set(sku, `2026-11-22T10:0${updatedAt.size}:00Z`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
