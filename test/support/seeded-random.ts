/**
 * mulberry32: a small, fast seeded PRNG, so benchmarks and fuzzers make the very same inputs on
 * every run. Not for anything secret.
 *
 * @example const next = seededRandom(7); next() // a number in [0, 1), the same for seed 7 every time
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
