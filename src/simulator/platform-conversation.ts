import type { Platform } from '../domain/turn.js';
import type { SlotInput } from './explicit-slots.js';
import type { ConfirmationStatus } from './sim-request.js';
import type { SimSettings } from './sim-settings.js';
import type { TurnResult } from './turn-result.js';

/** One turn's input: a sentence, or an escape hatch (simulator.md 12). */
export type TurnInput =
  | { utterance: string }
  | { intent: string; slots?: Record<string, SlotInput | null>; confirmationStatus?: ConfirmationStatus }
  | { launch: true }
  | { sessionEnded: 'USER_INITIATED' | 'ERROR' | 'EXCEEDED_MAX_REPROMPTS' };

/**
 * A conversation with one platform in one locale: session, dialog state and clock carried.
 * `AlexaConversation` and `GoogleConversation` implement it; `openConversation` picks one.
 */
export interface Conversation {
  readonly platform: Platform;
  readonly locale: string;
  readonly settings: SimSettings;
  turn(input: TurnInput): Promise<TurnResult>;
}
