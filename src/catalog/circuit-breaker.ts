/** What the breaker is doing: calling the shop, refusing to, or letting one trial call through. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** A call refused because the breaker is open (or its one trial call is under way). */
export class BrokenCircuitError extends Error {
  constructor() {
    super('the catalog circuit breaker is open');
    this.name = 'BrokenCircuitError';
  }
}

export interface CircuitBreakerOptions {
  /** Consecutive faults that open the breaker. */
  breakAfterFailures: number;
  /** How long it stays open before one trial call may go through, in ms. */
  halfOpenAfterMs: number;
  /** The clock, in ms (tests drive it; default `performance.now`). */
  now: () => number;
  /** True for an error that is the shop's fault; any other outcome counts as an answer. */
  isFault: (error: unknown) => boolean;
  onStateChange?: (state: BreakerState) => void;
  /**
   * Answers slower than this (ms) neither count as a failure nor reset the count (a trial call
   * that slow reopens the breaker): a shop that answers just under its timeout is not healthy.
   */
  slowAfterMs?: number;
}

/**
 * A consecutive-failure circuit breaker, the policy cockatiel's `ConsecutiveBreaker` implements,
 * in forty lines of our own so that it takes an injected clock and needs none of cockatiel's
 * internal modules (its index loads every policy: bench/NOTES.md, "Cold start").
 *
 * @example
 *   const breaker = new CircuitBreaker({ breakAfterFailures: 5, halfOpenAfterMs: 10_000, now: performance.now, isFault });
 *   await breaker.execute(() => shop.listStores());
 */
export class CircuitBreaker {
  state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialRunning = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  async execute<T>(fn: () => Promise<T>): Promise<T> {
    if (this.state === 'open') {
      if (this.options.now() - this.openedAt < this.options.halfOpenAfterMs) throw new BrokenCircuitError();
      this.change('half-open');
    }
    const trial = this.state === 'half-open';
    if (trial) {
      if (this.trialRunning) throw new BrokenCircuitError();
      this.trialRunning = true;
    }
    const started = this.options.slowAfterMs === undefined ? 0 : this.options.now();
    try {
      const value = await fn();
      if (this.options.slowAfterMs !== undefined && this.options.now() - started > this.options.slowAfterMs) {
        if (trial) this.failed(true);
      } else this.answered();
      return value;
    } catch (error) {
      if (this.options.isFault(error)) this.failed(trial);
      else this.answered();
      throw error;
    } finally {
      if (trial) this.trialRunning = false;
    }
  }

  private answered(): void {
    this.failures = 0;
    if (this.state !== 'closed') this.change('closed');
  }

  private failed(trial: boolean): void {
    this.failures += 1;
    if (trial || (this.state === 'closed' && this.failures >= this.options.breakAfterFailures)) {
      this.openedAt = this.options.now();
      this.change('open');
    }
  }

  private change(state: BreakerState): void {
    this.state = state;
    this.options.onStateChange?.(state);
  }
}
