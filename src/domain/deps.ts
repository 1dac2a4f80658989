import type { Commerce } from '../catalog/commerce.js';
import type { StateStore } from '../state/state-store.js';

/** Structured logger (pino's shape). Never give it tokens, addresses or whole request bodies. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child?(bindings: object): Logger;
  /** False when lines of `level` are dropped anyway (pino's): skips building them. */
  isLevelEnabled?(level: string): boolean;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Everything a turn may use, as one plain object. */
export interface DomainDeps {
  commerce: Commerce;
  state: StateStore;
  log: Logger;
  /** Contact for the human hand-off; falls back to the shop's own. */
  contact?: { phone?: string; email?: string };
  /** German address form from config (`SHOPVOICE_ADDRESS`); else the shop's own, else "du". */
  addressForm?: 'du' | 'sie';
  /**
   * The customers' purchase codes, present when the merchant asks for them
   * (`SHOPVOICE_PURCHASE_CODE`): a customer who set one says it before any order.
   */
  purchaseCodes?: PurchaseCodes;
}

/** What the conversation needs of the purchase code store (`state/purchase-code-store.ts`). */
export interface PurchaseCodes {
  hasCode(customerId: string): Promise<boolean>;
  matches(customerId: string, code: string): Promise<boolean>;
  recordWrongCode(userId: string, sessionId: string, at: Date): Promise<number>;
  wrongCodes(userId: string, sessionId: string): Promise<number>;
}
