import { currentConsents, type ConsentFeature, type ConsentRecord, type StateStore } from '../state/state-store.js';

/**
 * The version of the text a customer heard (or saw) before each consent: a record names it, so
 * what the customer agreed to can be shown later (docs/privacy.md). Bump a version whenever the
 * locale text of that explanation changes.
 */
export const CONSENT_TEXT_VERSIONS: Readonly<Record<ConsentFeature, string>> = {
  // Amazon's own permission screen in the Alexa app: the skill does not word it.
  notifications: 'alexa-app-1',
  feedback: 'feedback-1',
  callback: 'callback-1',
  cart: 'cart-1',
};

/** The text version of a decision spoken in the privacy dialog ("keine Benachrichtigungen mehr"). */
export const PRIVACY_DIALOG_VERSION = 'privacy-1';

/** The Proactive Events schema of the order notifications (docs/notifications.md). */
export const ORDER_STATUS_EVENT = 'AMAZON.OrderStatus.Updated';

/**
 * Records one consent decision of a platform user.
 *
 * @example await recordConsent(state, { userId, feature: 'feedback', granted: true, at: now, platform: 'alexa' });
 */
export async function recordConsent(
  state: Pick<StateStore, 'recordConsent'>,
  decision: { userId: string; feature: ConsentFeature; granted: boolean; at: Date; platform: ConsentRecord['platform']; textVersion?: string },
): Promise<void> {
  await state.recordConsent({
    userId: decision.userId,
    feature: decision.feature,
    granted: decision.granted,
    at: decision.at.getTime(),
    textVersion: decision.textVersion ?? CONSENT_TEXT_VERSIONS[decision.feature],
    platform: decision.platform,
  });
}

/**
 * Whether the user's latest decision about `feature` is a yes.
 *
 * @example if (await hasConsent(state, userId, 'feedback')) askForScore();
 */
export async function hasConsent(state: Pick<StateStore, 'consentsOf'>, userId: string, feature: ConsentFeature): Promise<boolean> {
  return currentConsents(await state.consentsOf(userId)).get(feature)?.granted === true;
}
