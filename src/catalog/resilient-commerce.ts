import { performance } from 'node:perf_hooks';
import { BrokenCircuitError, CircuitBreaker, type BreakerState } from './circuit-breaker.js';
import { ShopError } from './shop-error.js';
import type { Language } from './commerce.js';
import type { Commerce } from './commerce.js';

export type { BreakerState } from './circuit-breaker.js';

/** The global timer, looked up when called (so a test's mock clock drives it too). */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Where the catalog's failures are logged (pino's shape, as the server's logger has it). */
export interface CatalogLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** How one catalog call ended (a coded `ShopError` such as ORDER_NOT_FOUND is an answer, not a fault). */
export type CatalogCallResult = 'ok' | 'expected' | 'timeout' | 'error' | 'breaker_open';

/** Receives every catalog call and breaker change (metrics). */
export interface CatalogObserver {
  call(method: string, seconds: number, result: CatalogCallResult): void;
  breakerState(state: BreakerState): void;
}

export interface ResilienceOptions {
  /** Longest a single attempt may take (`config.shop.timeoutMs`, default 1500 ms). */
  timeoutMs: number;
  /** Extra attempts for idempotent reads (not `placeReorder`, not `ping`). */
  retries?: number;
  /** Pause before a retry, in ms. */
  retryDelayMs?: number;
  /** Consecutive failed attempts that open the breaker. */
  breakAfterFailures?: number;
  /** How long the breaker stays open before one trial call may go through, in ms. */
  halfOpenAfterMs?: number;
  /**
   * An answer slower than this (ms) does not reset the breaker's count of consecutive faults;
   * default a quarter of the reply budget (a turn makes up to four calls in a row).
   */
  slowAfterMs?: number;
  log?: CatalogLog;
  observer?: CatalogObserver;
  /** The clock of deadlines and the breaker, in ms; default `performance.now` (tests drive their own). */
  now?: () => number;
}

/** The catalog port with timeouts, retries and a circuit breaker, plus the breaker's state. */
export interface ResilientCommerce extends Commerce {
  breakerState(): BreakerState;
  /**
   * The same catalog for one reply: its calls, however many, end by `deadline` (a
   * `performance.now()` time), and their failures are logged to `log` (the request's logger).
   */
  forReply(deadline: number, log?: CatalogLog): Commerce;
}

const DEFAULTS = {
  retries: 1, // one retry: 2 × 1500 ms + 50 ms still fits Dialogflow's 5 s
  retryDelayMs: 50, // ms
  breakAfterFailures: 5, // consecutive failed attempts
  halfOpenAfterMs: 10_000, // ms
};

/**
 * The time all catalog calls of one reply may take together. A turn makes several calls in a
 * row (shop info, customer, orders, quote), so per-call timeouts alone cannot promise an answer
 * within Dialogflow's 5 s (platform-rules.md, "Google"); 4 s leaves a second for the rest.
 */
export const REPLY_BUDGET_MS = 4000;

/**
 * The latency a shop call may have and still count as healthy: a turn makes up to four catalog
 * calls in a row within {@link REPLY_BUDGET_MS}. Slower answers do not reset the breaker, and a
 * readiness ping slower than this makes `/readyz` fail.
 */
export const SLOW_CALL_MS = REPLY_BUDGET_MS / 4;

/** An attempt shorter than this is not worth starting; the customer hears the apology instead. */
const MIN_ATTEMPT_MS = 50;

/**
 * The catalog one reply may use: a resilient catalog's view bounded by the reply's deadline
 * (`REPLY_BUDGET_MS` from when the request came in), any other catalog as it is.
 *
 * @example handleTurn(turn, { ...deps, commerce: commerceForReply(deps.commerce, performance.now() + REPLY_BUDGET_MS) })
 */
export function commerceForReply(commerce: Commerce, deadline: number, log?: CatalogLog): Commerce {
  return isResilient(commerce) ? commerce.forReply(deadline, log) : commerce;
}

function isResilient(commerce: Commerce): commerce is ResilientCommerce {
  return typeof (commerce as Partial<ResilientCommerce>).forReply === 'function';
}

/** The reply budget ran out before an attempt could start. */
class BudgetSpent extends Error {}

/** An attempt cut short by the reply budget rather than the shop's own timeout: counts for the breaker, is not retried. */
class CutShort extends Error {}

/** The shop did not answer one attempt within the timeout. */
class TimedOut extends Error {}

/**
 * Settles with `promise`, or rejects after `ms`. A plain timer race: a timeout policy that
 * creates an AbortController per call and aborts it on every success cost more than the call it
 * guarded (bench/NOTES.md, "Catalog calls"). Our adapters do not
 * take a signal, so there was nothing to cancel anyway: a late answer is simply ignored. A
 * promise that has already settled (the embedded shop answers synchronously) gets no timer at
 * all: the check waits one microtask, after the promise's own reaction had its turn.
 */
export function raceTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    promise.then(
      (value) => {
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        resolve(value);
      },
      (reason: unknown) => {
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        reject(reason);
      },
    );
    queueMicrotask(() => {
      // A microtask is no time: the timer runs the whole `ms`, exactly on a test's mock clock.
      if (!settled) timer = setTimeout(() => reject(error()), ms);
    });
  });
}


/**
 * Wraps a catalog so that a slow or broken shop can never leave a customer in silence: every
 * call has a timeout, idempotent reads are retried once, and a circuit breaker (circuit-breaker.ts)
 * stops calling a shop that keeps failing. Every fault becomes `ShopError('SHOP_UNAVAILABLE')`,
 * which the domain answers with a short apology and what to do; coded `ShopError`s pass
 * through untouched and count as answers, not faults.
 *
 * `placeReorder` is never retried here: after a timeout nobody knows whether the order was
 * placed. The domain releases its claim instead, and the customer's next "yes" retries with
 * the same idempotency key, which the shop answers with the one order (commerce.ts contract).
 *
 * @example
 *   const commerce = resilientCommerce(await openEmbeddedShop({ dataDir }), { timeoutMs: 1500 });
 *   commerce.breakerState(); // 'closed'
 */
export function resilientCommerce(inner: Commerce, options: ResilienceOptions): ResilientCommerce {
  const { timeoutMs, log, observer } = options;
  const retries = options.retries ?? DEFAULTS.retries;
  const retryDelayMs = options.retryDelayMs ?? DEFAULTS.retryDelayMs;
  // A coded ShopError is an answer. An attempt cut short by the reply deadline is a fault for the
  // breaker: a shop that answers just under its timeout spends the budget of every turn, and each
  // turn's later calls are cut short, so it must open the breaker rather than fail every personal
  // request in silence while /readyz stays green. It is not retried (no time is left for it).
  const isFault = (error: unknown) => !(error instanceof ShopError);
  const now = options.now ?? (() => performance.now());
  const breaker = new CircuitBreaker({
    breakAfterFailures: options.breakAfterFailures ?? DEFAULTS.breakAfterFailures,
    halfOpenAfterMs: options.halfOpenAfterMs ?? DEFAULTS.halfOpenAfterMs,
    slowAfterMs: options.slowAfterMs ?? SLOW_CALL_MS,
    now,
    isFault,
    onStateChange(state) {
      observer?.breakerState(state);
      const level = state === 'closed' ? 'info' : 'warn';
      log?.[level]({ event: 'catalog.breaker', state }, `catalog circuit breaker ${state}`);
    },
  });
  const worthRetrying = (error: unknown) => isFault(error) && !(error instanceof CutShort) && !(error instanceof BrokenCircuitError) && !(error instanceof BudgetSpent);
  observer?.breakerState('closed');

  /** One attempt: inside the breaker, bounded by the shop timeout and what is left until the deadline. */
  const attempt = <T>(fn: () => Promise<T>, deadline: number): Promise<T> => {
    const left = deadline - now();
    if (left < MIN_ATTEMPT_MS) return Promise.reject(new BudgetSpent('reply budget spent'));
    const ms = Math.min(timeoutMs, left);
    return breaker.execute(() =>
      raceTimeout(fn(), ms, () =>
        ms < timeoutMs ? new CutShort(`cut short after ${Math.round(ms)} ms`) : new TimedOut(`no answer within ${ms} ms`)),
    );
  };

  /**
   * Reads get `retries` more attempts after a fault, `retryDelayMs` apart. A plain loop rather
   * than a retry policy object: almost every call succeeds at once, and the loop costs nothing
   * then (bench/NOTES.md, "Catalog calls").
   */
  const attempts = async <T>(fn: () => Promise<T>, retryable: boolean, deadline: number): Promise<T> => {
    for (let retry = 0; ; retry++) {
      try {
        return await attempt(fn, deadline);
      } catch (error) {
        if (!retryable || retry >= retries || !worthRetrying(error)) throw error;
      }
      await sleep(retryDelayMs);
    }
  };

  const call = async <T>(method: string, fn: () => Promise<T>, retryable: boolean, deadline: number, callLog: CatalogLog | undefined): Promise<T> => {
    const started = now();
    const seconds = () => (now() - started) / 1000;
    try {
      const value = await attempts(fn, retryable, deadline);
      observer?.call(method, seconds(), 'ok');
      return value;
    } catch (error) {
      if (error instanceof ShopError) {
        observer?.call(method, seconds(), 'expected');
        throw error;
      }
      const result: CatalogCallResult = error instanceof BrokenCircuitError ? 'breaker_open'
        : error instanceof TimedOut || error instanceof CutShort || error instanceof BudgetSpent ? 'timeout'
          : 'error';
      observer?.call(method, seconds(), result);
      // An open breaker refuses every call; one line per refusal would flood the log.
      const level = result === 'breaker_open' ? 'debug' : 'warn';
      callLog?.[level]({ event: 'catalog.call.failed', method, result, err: error }, 'catalog call failed');
      throw new ShopError('SHOP_UNAVAILABLE', {}, { cause: error });
    }
  };

  return new ResilientCatalog(inner, call, log, () => breaker.state);
}

/** One guarded catalog call: what `resilientCommerce` does around `fn`. */
type GuardedCall = <T>(method: string, fn: () => Promise<T>, retryable: boolean, deadline: number, log: CatalogLog | undefined) => Promise<T>;

/**
 * The port's methods, each call guarded and ending by `deadline` (Infinity: only the per-attempt
 * timeout). A class, so the view each reply gets (`forReply`) is one small object rather than
 * seventeen fresh closures per request.
 */
class GuardedCatalog implements Commerce {
  constructor(
    protected readonly inner: Commerce,
    protected readonly call: GuardedCall,
    protected readonly deadline: number,
    protected readonly log: CatalogLog | undefined,
  ) {}

  private read<T>(method: string, fn: () => Promise<T>): Promise<T> {
    return this.call(method, fn, true, this.deadline, this.log);
  }

  shopInfo() { return this.read('shopInfo', () => this.inner.shopInfo()); }
  findProducts(spoken: string, language: Language, opts?: { limit?: number }) {
    return this.read('findProducts', () => this.inner.findProducts(spoken, language, opts));
  }
  getProduct(id: string) { return this.read('getProduct', () => this.inner.getProduct(id)); }
  listVariants(group: string) { return this.read('listVariants', () => this.inner.listVariants(group)); }
  listProducts() { return this.read('listProducts', () => this.inner.listProducts()); }
  customerByToken(token: string) { return this.read('customerByToken', () => this.inner.customerByToken(token)); }
  listOrders(customerId: string) { return this.read('listOrders', () => this.inner.listOrders(customerId)); }
  getOrder(customerId: string, number: string) { return this.read('getOrder', () => this.inner.getOrder(customerId, number)); }
  quoteReorder(customerId: string, number: string) { return this.read('quoteReorder', () => this.inner.quoteReorder(customerId, number)); }
  placeReorder(customerId: string, number: string, key: string) {
    return this.call('placeReorder', () => this.inner.placeReorder(customerId, number, key), false, this.deadline, this.log);
  }
  // Cart and checkout (issue 17): a shop without a cart for us answers CART_UNSUPPORTED, said as such.
  cart(customerId: string) { return this.read('cart', () => this.cartOf('cart').call(this.inner, customerId)); }
  addToCart(customerId: string, productId: string, quantity: number) {
    return this.call('addToCart', () => this.cartOf('addToCart').call(this.inner, customerId, productId, quantity), false, this.deadline, this.log);
  }
  removeFromCart(customerId: string, productId: string) {
    return this.call('removeFromCart', () => this.cartOf('removeFromCart').call(this.inner, customerId, productId), false, this.deadline, this.log);
  }
  placeCart(customerId: string, key: string, expectedTotalCents: number) {
    return this.call('placeCart', () => this.cartOf('placeCart').call(this.inner, customerId, key, expectedTotalCents), false, this.deadline, this.log);
  }
  cartOutcome(customerId: string, key: string) {
    const outcome = this.inner.cartOutcome;
    return outcome ? this.read('cartOutcome', () => outcome.call(this.inner, customerId, key)) : Promise.resolve(undefined);
  }
  private cartOf<K extends 'cart' | 'addToCart' | 'removeFromCart' | 'placeCart'>(method: K): NonNullable<Commerce[K]> {
    const fn = this.inner[method];
    if (!fn) throw new ShopError('CART_UNSUPPORTED');
    return fn as NonNullable<Commerce[K]>;
  }
  listStores() { return this.read('listStores', () => this.inner.listStores()); }
  specialDays(storeId: string, from: string, to: string) { return this.read('specialDays', () => this.inner.specialDays(storeId, from, to)); }
  faqTopics() { return this.read('faqTopics', () => this.inner.faqTopics()); }
  faqAnswer(topicId: string, language: Language) { return this.read('faqAnswer', () => this.inner.faqAnswer(topicId, language)); }
  // A readiness probe must say how the shop is now: no retry, but through the breaker, so an
  // open breaker reports the outage at once and a probe after `halfOpenAfterMs` is the trial call.
  ping() { return this.call('ping', () => this.inner.ping(), false, this.deadline, this.log); }
  catalogVersion() { return this.read('catalogVersion', () => this.inner.catalogVersion()); }
}

/** The process's resilient catalog: no reply deadline of its own, the breaker's state, a view per reply. */
class ResilientCatalog extends GuardedCatalog implements ResilientCommerce {
  constructor(inner: Commerce, call: GuardedCall, log: CatalogLog | undefined, private readonly state: () => BreakerState) {
    super(inner, call, Infinity, log);
  }

  async close() {
    await this.inner.close?.();
  }

  breakerState() {
    return this.state();
  }

  forReply(deadline: number, replyLog?: CatalogLog): Commerce {
    return new GuardedCatalog(this.inner, this.call, deadline, replyLog ?? this.log);
  }
}
