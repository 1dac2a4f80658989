export interface RetryDelayOptions {
  /** Delay after the first failed attempt (default 30 s). */
  baseMs?: number;
  /** Longest delay (default 1 h). */
  maxMs?: number;
}

/**
 * Exponential backoff with "equal jitter": after attempt n the delay is half of
 * min(max, base·2ⁿ⁻¹) plus a random share of the other half, so many events that failed together
 * do not come back together. Never shorter than the server's Retry-After.
 *
 * @example retryDelayMs(3, () => 0.5) // 90000: base 30 s · 4 = 120 s, three quarters of it
 */
export function retryDelayMs(attempt: number, random: () => number, retryAfterMs?: number, options: RetryDelayOptions = {}): number {
  const base = options.baseMs ?? 30_000;
  const max = options.maxMs ?? 3_600_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
