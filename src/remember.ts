/**
 * Keeps `value` under `key` in a cache of at most `max` entries, the oldest going first, and
 * returns it. The one shape of the bounded caches on the request path (prices, spoken dates,
 * calendar days, products, special days): a key may come from a request, so no cache grows
 * without limit.
 *
 * @example return spoken.get(key) ?? remember(spoken, key, format(cents), 10_000);
 */
export function remember<K, V>(cache: Map<K, V>, key: K, value: V, max: number): V {
  if (cache.size >= max) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}
