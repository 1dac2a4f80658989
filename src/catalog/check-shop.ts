import type { Commerce } from './commerce.js';

/** A report line that says something does not work starts with this. */
export const CHECK_FAILED = 'FAILED';

/** True when any line of a `checkShop` report says something does not work. */
export function checkFailed(lines: string[]): boolean {
  return lines.some((line) => line.startsWith(CHECK_FAILED));
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Reaches the configured shop and says in plain words what works: that it answers, the catalog
 * and a search by a product's own name in both languages, orders for a test account, stores and
 * FAQ. Every line starts with "ok" or "FAILED"; a failure does not stop the later checks.
 *
 * @example for (const line of await checkShop(shop, { testToken: 'demo-token-anna' })) console.log(line);
 */
export async function checkShop(commerce: Commerce, options: { testToken?: string } = {}): Promise<string[]> {
  const lines: string[] = [];
  const step = async (what: string, run: () => Promise<string>) => {
    try {
      lines.push(`ok      ${what}: ${await run()}`);
    } catch (error) {
      lines.push(`${CHECK_FAILED}  ${what}: ${message(error)}`);
    }
  };

  await step('shop answers', async () => {
    await commerce.ping();
    const info = await commerce.shopInfo();
    return `${info.name} (${info.timeZone}, prices incl. ${info.vatPercent} % VAT)`;
  });
  let sample: { de: string; en: string } | undefined;
  await step('catalog', async () => {
    const products = await commerce.listProducts();
    if (products.length === 0) throw new Error('the shop lists no products');
    const sold = products.find((p) => p.available) ?? products[0]!;
    sample = sold.name;
    const available = products.filter((p) => p.available).length;
    return `${products.length} products, ${available} available, catalog version ${await commerce.catalogVersion()}`;
  });
  for (const language of ['de', 'en'] as const) {
    if (!sample) break;
    const spoken = sample[language];
    await step(`search (${language})`, async () => {
      const result = await commerce.findProducts(spoken.toLowerCase(), language);
      const top = result.candidates[0]?.product;
      if (!top) throw new Error(`"${spoken}" finds nothing`);
      return `"${spoken}" finds "${top.name[language]}" (${result.decision === 'answer' ? 'answered at once' : 'asks which one'})`;
    });
  }
  if (options.testToken) {
    const token = options.testToken;
    await step('orders of the test account', async () => {
      const customer = await commerce.customerByToken(token);
      if (!customer) throw new Error('the shop knows no customer for the test token');
      const orders = await commerce.listOrders(customer.id);
      const latest = orders[0];
      return latest ? `${orders.length} orders, the latest ${latest.number} is ${latest.status.replace('_', ' ')}` : 'the customer has no orders yet';
    });
  } else {
    lines.push('skipped orders: no test token given (a linked account\'s access token)');
  }
  await step('stores', async () => {
    const stores = await commerce.listStores();
    return stores.length ? stores.map((s) => s.name).join(', ') : 'none (store hours cannot be answered)';
  });
  await step('FAQ', async () => {
    const topics = await commerce.faqTopics();
    const missing: string[] = [];
    for (const topic of topics) {
      for (const language of ['de', 'en'] as const) {
        if (!(await commerce.faqAnswer(topic.id, language))) missing.push(`${topic.id} (${language})`);
      }
    }
    if (missing.length) throw new Error(`no answer for ${missing.join(', ')}`);
    return `${topics.length} topics answered in German and English`;
  });
  return lines;
}
