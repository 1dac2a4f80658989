import type { Product } from '../../commerce.js';
import { drugstore } from './drugstore.js';
import { electronics } from './electronics.js';
import { groceries } from './groceries.js';
import { household } from './household.js';
import { toProduct } from './seed-product.js';
import { sport } from './sport.js';

/** The demo catalog (174 products), ordered by id. */
export const seedProducts: Product[] = [
  ...groceries.map((row) => toProduct('groceries', row)),
  ...drugstore.map((row) => toProduct('drugstore', row)),
  ...household.map((row) => toProduct('household', row)),
  ...sport.map((row) => toProduct('sport', row)),
  ...electronics.map((row) => toProduct('electronics', row)),
].sort((a, b) => a.id.localeCompare(b.id));
