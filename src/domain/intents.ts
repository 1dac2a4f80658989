/**
 * The one list of shared intents and their slots. Interaction models, the simulator, the
 * adapters and the tests all read it, so a new intent is added here first.
 */
export interface IntentSpec {
  /** Slot name → slot type. Custom types are built from the catalog (`models build`). */
  slots: Record<string, string>;
  /** Needs a linked shop account (personal data). */
  needsAccount?: boolean;
  /** Platform built-in (Alexa `AMAZON.*`); Dialogflow gets an intent of the same name. */
  builtIn?: boolean;
}

export const SHARED_INTENTS = {
  ProductLookupIntent: { slots: { product: 'ProductName' } },
  OrderStatusIntent: { slots: { orderNumber: 'AMAZON.NUMBER' }, needsAccount: true },
  ReorderIntent: { slots: {}, needsAccount: true },
  StoreHoursIntent: { slots: { day: 'AMAZON.DATE', store: 'StoreName' } },
  ShopFaqIntent: { slots: { topic: 'FaqTopic' } },
  HumanHandoffIntent: { slots: {} },
  // --- After the sale: consent and the customer's data (issue 17) ---
  PrivacyInfoIntent: { slots: {} },
  DeleteMyDataIntent: { slots: {} },
  StopNotificationsIntent: { slots: {} },
  FeedbackScoreIntent: { slots: { score: 'AMAZON.NUMBER' } },
  // --- end after the sale ---
  // Cart and checkout by voice (issue 17).
  AddToCartIntent: { slots: { product: 'ProductName', quantity: 'AMAZON.NUMBER' }, needsAccount: true },
  CartContentsIntent: { slots: {}, needsAccount: true },
  RemoveFromCartIntent: { slots: { product: 'ProductName' }, needsAccount: true },
  CheckoutIntent: { slots: {}, needsAccount: true },
  PurchaseCodeIntent: { slots: { code: 'AMAZON.FOUR_DIGIT_NUMBER' }, needsAccount: true },
  'AMAZON.HelpIntent': { slots: {}, builtIn: true },
  'AMAZON.StopIntent': { slots: {}, builtIn: true },
  'AMAZON.CancelIntent': { slots: {}, builtIn: true },
  'AMAZON.FallbackIntent': { slots: {}, builtIn: true },
  'AMAZON.NavigateHomeIntent': { slots: {}, builtIn: true },
  'AMAZON.YesIntent': { slots: {}, builtIn: true },
  'AMAZON.NoIntent': { slots: {}, builtIn: true },
  'AMAZON.RepeatIntent': { slots: {}, builtIn: true },
} as const satisfies Record<string, IntentSpec>;

export type SharedIntent = keyof typeof SHARED_INTENTS;

export type DomainIntent = SharedIntent;

export const SHARED_INTENT_NAMES = Object.keys(SHARED_INTENTS) as SharedIntent[];

export function isSharedIntent(name: string): name is SharedIntent {
  return Object.prototype.hasOwnProperty.call(SHARED_INTENTS, name);
}
