import type { DateTime } from 'luxon';

/** What a platform conversation shares with the caller and changes between turns. */
export interface SimSettings {
  clock: DateTime;
  accessToken?: string;
  telephonyCallerId?: string;
  profileMobile?: string;
  interfaces: Record<string, unknown>;
  skillId: string;
  seed: string;
  /** Incremented for every id made, so ids are unique within a run and repeat across runs. */
  counter: number;
  recognizer: 'literal' | 'statistical';
}
