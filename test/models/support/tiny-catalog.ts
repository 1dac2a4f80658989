import type { CatalogSnapshot } from '../../../src/models/catalog-snapshot.js';

/** A two-product shop for fixtures and unit tests (no database needed). */
export const tinyCatalog: CatalogSnapshot = {
  products: [
    {
      id: 'P-1', name: { de: 'Bio-Hafermilch 1 l', en: 'Organic Oat Milk 1 l' }, brand: 'Lindenhof', category: 'groceries',
      description: { de: 'Haferdrink', en: 'Oat drink' }, priceCents: 149, size: '1 l', stock: 5, available: true,
    },
    {
      id: 'P-2', name: { de: 'Müsli Beere 500 g', en: 'Berry Muesli 500 g' }, brand: 'Lindenhof', category: 'groceries',
      description: { de: 'Müsli', en: 'Muesli' }, priceCents: 349, size: '500 g', stock: 0, available: false,
    },
  ],
  stores: [{
    id: 'S-1', name: 'Lindenhof Markt München', city: 'München', region: 'DE-BY', timeZone: 'Europe/Berlin',
    weekly: { 1: [{ open: '08:00', close: '20:00' }] }, aliases: ['filiale münchen', 'munich store'],
  }],
  faqTopics: [{ id: 'returns', names: { de: ['rückgabe', 'retoure'], en: ['returns', 'refund'] } }],
};
