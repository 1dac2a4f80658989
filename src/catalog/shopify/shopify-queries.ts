import { readFileSync } from 'node:fs';

/** The GraphQL documents the adapter sends; tests validate each against the official schema. */
export const SHOPIFY_QUERIES = {
  catalogPage: 'storefront-catalog-page.graphql',
  catalogVersion: 'storefront-catalog-version.graphql',
  variantStock: 'storefront-variant-stock.graphql',
  customer: 'customer-account-customer.graphql',
  customerOrders: 'customer-account-orders.graphql',
  draftOrderByKey: 'admin-draft-order-by-key.graphql',
  draftOrderCreate: 'admin-draft-order-create.graphql',
  draftOrderInvoiceSend: 'admin-draft-order-invoice-send.graphql',
} as const;

export type ShopifyQuery = keyof typeof SHOPIFY_QUERIES;

/**
 * Where the `.graphql` files are: `src/catalog/shopify/queries/`, reached from this module both as
 * source and as built to `dist/catalog/shopify/` (tsc does not copy them; both lie three levels
 * below the package root).
 */
export const QUERIES_DIR = new URL('../../../src/catalog/shopify/queries/', import.meta.url);

const loaded = new Map<ShopifyQuery, string>();

/** The text of one query, read once. */
export function shopifyQuery(name: ShopifyQuery): string {
  let text = loaded.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(SHOPIFY_QUERIES[name], QUERIES_DIR), 'utf8');
    loaded.set(name, text);
  }
  return text;
}
