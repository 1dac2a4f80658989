import type { StateStore } from '../state/state-store.js';
import type { Pseudonymizer } from './pseudonym.js';

/**
 * The state store, with `forgetUser(userId)` also deleting (and `storedAbout(userId)` also
 * counting) the user's turn events and staff notes under every configured analytics key. Hand this to the platforms, so `SkillDisabled` and a
 * deletion request remove a user's analytics too without the adapters knowing of pseudonyms.
 *
 * @example deps.state = forgettingAnalytics(state, createPseudonymizer(keys));
 */
export function forgettingAnalytics<S extends StateStore>(state: S, pseudonyms: Pseudonymizer): S {
  return Object.assign(Object.create(state) as S, {
    forgetUser: (userId: string, more: readonly string[] = []) => state.forgetUser(userId, [...pseudonyms.allOf(userId), ...more]),
    // What "Was weißt du über mich?" counts is what the deletion would remove.
    storedAbout: (userId: string, more: readonly string[] = []) => state.storedAbout(userId, [...pseudonyms.allOf(userId), ...more]),
  });
}
