import type { Product } from '../../commerce.js';
import { drugstore } from './drugstore.js';
import { electronics } from './electronics.js';
import { groceries } from './groceries.js';
import { household } from './household.js';
import { toProduct } from './seed-product.js';
import { sport } from './sport.js';

/**
 * The demo catalog (174 products), ordered by id. Built when called, not when imported: only a
 * first open seeds, and building it took about 17 ms of every server start.
 */
export function seedProducts(): Product[] {
  return [
    ...groceries.map((row) => toProduct('groceries', row)),
    ...drugstore.map((row) => toProduct('drugstore', row)),
    ...household.map((row) => toProduct('household', row)),
    ...sport.map((row) => toProduct('sport', row)),
    ...electronics.map((row) => toProduct('electronics', row)),
  ].sort((a, b) => a.id.localeCompare(b.id));
}
