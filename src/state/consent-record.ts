/**
 * A feature that stores or uses a customer's personal data, and so has a consent record
 * (docs/privacy.md): order notifications, feedback, a callback request, the cart.
 */
export type ConsentFeature = 'notifications' | 'feedback' | 'callback' | 'cart';

export const CONSENT_FEATURES: readonly ConsentFeature[] = ['notifications', 'feedback', 'callback', 'cart'];

/**
 * One decision of one platform user about one feature: given (`granted: true`) or withdrawn,
 * when, on which platform, and which version of the text the customer heard (or, for Alexa's
 * notification switch, the version of the permission text Amazon showed: `alexa-app`).
 */
export interface ConsentRecord {
  userId: string;
  feature: ConsentFeature;
  granted: boolean;
  /** Milliseconds since the epoch. */
  at: number;
  textVersion: string;
  platform: 'alexa' | 'google';
}

/**
 * The current decision per feature of a user's records (the latest wins; a tie goes to the later
 * record in the list).
 *
 * @example currentConsents(await state.consentsOf(userId)).get('feedback')?.granted
 */
export function currentConsents(records: readonly ConsentRecord[]): Map<ConsentFeature, ConsentRecord> {
  const current = new Map<ConsentFeature, ConsentRecord>();
  for (const record of records) {
    const before = current.get(record.feature);
    if (!before || record.at >= before.at) current.set(record.feature, record);
  }
  return current;
}

export interface ConsentRow {
  user_id: string;
  feature: string;
  granted: number | boolean;
  at: number | string;
  text_version: string;
  platform: string;
}

/** A consent row of either store as the port's record. */
export function consentFromRow(row: ConsentRow): ConsentRecord {
  return {
    userId: row.user_id,
    feature: row.feature as ConsentRecord['feature'],
    granted: row.granted === true || row.granted === 1,
    at: Number(row.at),
    textVersion: row.text_version,
    platform: row.platform as ConsentRecord['platform'],
  };
}
