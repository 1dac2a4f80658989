// A real shop with faults switched on and off by the test: slowness, failures before or after
// the real call (a lost answer), per method or for every method. The shop behind it is the real
// embedded SQLite shop; only the faults are made up.
import type { Commerce } from '../../src/catalog/commerce.js';

export interface FaultRule {
  /** Milliseconds to wait before the call. */
  delayMs?: number;
  /** How many of the next calls fail (Infinity: all). */
  failTimes?: number;
  /** Run the real call first, then fail: the shop did the work but the answer was lost. */
  afterCall?: boolean;
  /** The failure's message (shops put all sorts of things in error messages). */
  message?: string;
}

/** The switchboard: rules per method name, `*` for every method. */
export class FaultPlan {
  readonly calls = new Map<string, number>();
  private readonly rules = new Map<string, FaultRule>();

  set(method: keyof Commerce | '*', rule: FaultRule): this {
    this.rules.set(method, { ...rule });
    return this;
  }

  clear(): void {
    this.rules.clear();
  }

  count(method: keyof Commerce): number {
    return this.calls.get(method) ?? 0;
  }

  /** Wraps `shop` (what `openDeps`' `decorateShop` takes). */
  wrap = (shop: Commerce): Commerce => {
    const wrapped: Record<string, unknown> = { ...shop };
    for (const [name, fn] of Object.entries(shop)) {
      if (typeof fn !== 'function' || name === 'close') continue;
      wrapped[name] = async (...args: unknown[]) => {
        this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
        const rule = this.rules.get(name) ?? this.rules.get('*');
        if (rule?.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
        const fails = rule !== undefined && (rule.failTimes ?? 0) > 0;
        if (fails) rule.failTimes = rule.failTimes! - 1;
        if (fails && !rule.afterCall) throw new Error(rule.message ?? `${name}: shop unreachable (ECONNREFUSED)`);
        const value = await (fn as (...a: unknown[]) => Promise<unknown>).apply(shop, args);
        if (fails) throw new Error(rule.message ?? `${name}: connection reset after the call`);
        return value;
      };
    }
    return wrapped as unknown as Commerce;
  };
}
