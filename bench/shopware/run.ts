/**
 * `npm run bench:shopware [-- --rounds N] [-- --calls N]`
 *
 * CPU per ProductLookup catalog call pair (`findProducts` + `getProduct` of the top candidate)
 * through the Shopware adapter against its local schema-checked fake, cache warm, compared with
 * the embedded shop (bench/shopware/measure.ts; `npm run bench` runs the same measurement,
 * shorter, and the /alexa Shopware scenarios end to end). The target (issue 16): Shopware
 * within 1.2× of the embedded shop.
 */
import { parseArgs } from 'node:util';
import { measureShopwareCatalog, SHOPWARE_TARGET_RATIO } from './measure.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '9' }, calls: { type: 'string', default: '4000' } } });
const r = await measureShopwareCatalog({ rounds: Number(values.rounds), calls: Number(values.calls) });
const line = (name: string, us: number) => `${name.padEnd(28)} ${us.toFixed(1).padStart(8)} µs CPU per findProducts+getProduct`;
console.log(`ProductLookup catalog calls, ${r.rounds} rounds × ${r.callsPerRound} lookups, median round, cache warm`);
console.log(line('embedded shop (SQLite)', r.embeddedUs));
console.log(line('Shopware adapter (fake)', r.shopwareUs));
console.log(`ratio Shopware / embedded      ${r.ratio.toFixed(2)}×  (target ≤ ${SHOPWARE_TARGET_RATIO}×: ${r.ratio <= SHOPWARE_TARGET_RATIO ? 'met' : 'NOT met'})`);
console.log(`Store API requests while measuring: ${r.requestsDuring}; schema violations: ${r.violations.length}`);
if (r.violations.length) process.exitCode = 1;
