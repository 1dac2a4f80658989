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
  /** Days between two feedback questions to one customer (`SHOPVOICE_FEEDBACK_DAYS`, default 7). */
  feedbackEveryDays?: number;
  /** Alexa order notifications (the outbox), when the server has them configured. */
  notifications?: NotificationSubscriptions;
  /**
   * The customers' purchase codes, present when the merchant asks for them
   * (`SHOPVOICE_PURCHASE_CODE`): a customer who set one says it before any order.
   */
  purchaseCodes?: PurchaseCodes;
  // --- A real hand-off (issue 17) ---
  /** The platform's customer profile (Alexa's Customer Profile API): a callback's number without a linked one. */
  customerProfile?: CustomerProfile;
  /** Told of every callback request stored (the merchant's webhook); must not throw, and runs off the reply path. */
  callbacks?: CallbackListener;
}

/** What the customer profile answered for the mobile number: it, no permission, or nothing usable. */
export type MobileNumberLookup = { kind: 'number'; phone: string } | { kind: 'denied' } | { kind: 'none' };

/** The customer's own profile on the platform, read with the request's API token (docs/privacy.md). */
export interface CustomerProfile {
  mobileNumber(api: { endpoint: string; token: string }): Promise<MobileNumberLookup>;
}

/** A callback request as the merchant's webhook receives it (docs/handoff-webhook.md). Personal data: `phone`. */
export interface CallbackRequest {
  /** The staff note's id (the console's hand-offs screen). */
  id: string;
  /** ISO 8601 instant of the request. */
  at: string;
  platform: 'alexa' | 'google';
  locale: string;
  phone: string;
  /** What led to the hand-off: intent, redacted slot values, outcome. */
  reason: string;
  /** The customer's last turns, redacted, oldest first. */
  recentTurns: string[];
  shop: string;
}

export interface CallbackListener {
  created(request: CallbackRequest): void;
}

/**
 * The domain's view of the notification outbox (docs/notifications.md): what "keine
 * Benachrichtigungen mehr" and "lösche meine Daten" need of it. The server adapts the outbox.
 */
export interface NotificationSubscriptions {
  /** Stops order notifications for a platform user (their subscription removed). */
  unsubscribe(userId: string, at: Date): Promise<void>;
  /** Deletes everything the outbox holds for a user (secure delete, as SkillDisabled); the rows removed. */
  forget(userId: string): Promise<number>;
}

/** What the conversation needs of the purchase code store (`state/purchase-code-store.ts`). */
export interface PurchaseCodes {
  hasCode(customerId: string): Promise<boolean>;
  matches(customerId: string, code: string): Promise<boolean>;
  recordWrongCode(userId: string, sessionId: string, at: Date): Promise<number>;
  wrongCodes(userId: string, sessionId: string): Promise<number>;
  /** Deletes what is kept about a platform user (their wrong-code counts); the rows removed. */
  forgetUser(userId: string): Promise<number>;
}
