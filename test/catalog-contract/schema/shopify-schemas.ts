import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

export type ShopifyApi = 'storefront' | 'customer-account' | 'admin';

const cache = new Map<ShopifyApi, GraphQLSchema>();

/**
 * Shopify's official GraphQL schemas for API version 2026-04: the Storefront and Customer Account
 * API introspections `@shopify/hydrogen-react` ships, and the Admin API introspection copied from
 * `@shopify/dev-mcp` (see README.md beside this file).
 */
export function shopifySchema(api: ShopifyApi): GraphQLSchema {
  const known = cache.get(api);
  if (known) return known;
  const require = createRequire(import.meta.url);
  const text = api === 'admin'
    ? gunzipSync(readFileSync(new URL('./shopify-admin-2026-04.json.gz', import.meta.url))).toString('utf8')
    : readFileSync(require.resolve(`@shopify/hydrogen-react/${api}.schema.json`), 'utf8');
  const json = JSON.parse(text) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
  const schema = buildClientSchema((json.data ?? json) as IntrospectionQuery);
  cache.set(api, schema);
  return schema;
}

/** Which API a query file of src/catalog/shopify/queries/ is written for, by its name. */
export function apiOfQueryFile(file: string): ShopifyApi {
  if (file.startsWith('storefront-')) return 'storefront';
  if (file.startsWith('customer-account-')) return 'customer-account';
  if (file.startsWith('admin-')) return 'admin';
  throw new Error(`${file}: a query file's name starts with storefront-, customer-account- or admin-`);
}
