import type { Logger } from '../domain/deps.js';
import type { StateStore } from '../state/state-store.js';
import type { TurnEvent } from '../state/turn-event.js';
import { forgettingAnalytics } from './forgetting-state.js';
import { createPseudonymizer, parseAnalyticsKeys } from './pseudonym.js';
import { createTurnRecorder, type Ticker, type TurnRecorder } from './turn-recorder.js';

export interface AnalyticsSettings {
  /** `SHOPVOICE_ANALYTICS_KEY`: `id:secret[,id:secret…]`, the current key first. Unset: no user pseudonyms, sessions only. */
  key?: string;
  /** `SHOPVOICE_ANALYTICS_DAYS`: days turn events are kept (default 90). */
  days?: number;
}

export interface Analytics {
  /** Call once per answered turn: `recorder.record(turn, reply, latencyMs)`. */
  recorder: TurnRecorder;
  /** The state store whose `forgetUser(userId)` also deletes the user's analytics (hand it to the platforms). */
  state: StateStore;
}

/**
 * Everything the server needs for turn analytics, from the config's two settings: the recorder
 * to call in the one turn wrapper, and the state store that forgets a user's events with them.
 *
 * @example
 *   const analytics = openAnalytics(deps.state, { key: config.analyticsKey, days: config.analyticsDays }, log);
 *   deps.state = analytics.state;
 *   // in the turn wrapper, after the domain answered:
 *   analytics.recorder.record(turn, reply, performance.now() - started);
 *   // on shutdown: await analytics.recorder.close();
 */
export function openAnalytics(
  state: StateStore,
  settings: AnalyticsSettings,
  log: Logger,
  options: { now?: () => Date; ticker?: Ticker; onEvent?: (event: TurnEvent) => void } = {},
): Analytics {
  const pseudonyms = createPseudonymizer(parseAnalyticsKeys(settings.key));
  if (!settings.key) log.warn({ event: 'analytics.no-key' }, 'SHOPVOICE_ANALYTICS_KEY is not set: turn events are recorded without user pseudonyms');
  const recorder = createTurnRecorder({
    state,
    pseudonyms,
    log,
    now: options.now ?? (() => new Date()),
    ...(options.ticker ? { ticker: options.ticker } : {}),
    ...(settings.days ? { retentionDays: settings.days } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  return { recorder, state: forgettingAnalytics(state, pseudonyms) };
}
