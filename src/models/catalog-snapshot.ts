import type { Commerce, FaqTopic, Product, Store } from '../catalog/commerce.js';

/** What the model build needs from a shop, read once and sorted by id so builds are repeatable. */
export interface CatalogSnapshot {
  products: Product[];
  stores: Store[];
  faqTopics: FaqTopic[];
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Reads products, stores and FAQ topics through the catalog port. */
export async function readCatalog(commerce: Pick<Commerce, 'listProducts' | 'listStores' | 'faqTopics'>): Promise<CatalogSnapshot> {
  const [products, stores, faqTopics] = await Promise.all([commerce.listProducts(), commerce.listStores(), commerce.faqTopics()]);
  return { products: [...products].sort(byId), stores: [...stores].sort(byId), faqTopics: [...faqTopics].sort(byId) };
}
