import type { Logger } from '../../domain/deps.js';
import type { SealBinding, SessionSealer } from '../../domain/session-seal.js';
import { readSessionState, writeSessionState } from '../../domain/session-state.js';
import type { SessionState } from '../../domain/turn.js';

/** The one key sealed session attributes have: `{ "s": <token> }`. */
export const SEALED_ATTRIBUTE = 's';

/** Who the session attributes of a request belong to, as the turn reads them (to-voice-turn.ts). */
export function bindingOf(envelope: { context?: any; session?: any }): SealBinding | undefined {
  const session = envelope.session;
  if (!session || typeof session.sessionId !== 'string') return undefined;
  const userId = envelope.context?.System?.user?.userId ?? session.user?.userId ?? 'anonymous';
  return { userId: String(userId), sessionId: session.sessionId };
}

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);

/**
 * The session state a request brings back. Without a sealer: the plain attributes, checked and
 * capped. With one: only `{ s: <token> }` sealed for this user and session opens; anything else
 * (plain attributes, another user's or session's token, a tampered one) is ignored (empty state)
 * and logged once, without its content: never an error to the customer.
 */
export function readAttributes(
  envelope: { context?: any; session?: any },
  sealer: SessionSealer | undefined,
  log: Logger,
): SessionState {
  const attributes: unknown = envelope.session?.attributes;
  if (!sealer) return readSessionState(attributes);
  if (isEmpty(attributes)) return {};
  const binding = bindingOf(envelope);
  const token = (attributes as Record<string, unknown>)[SEALED_ATTRIBUTE];
  const opened = binding && typeof token === 'string' ? sealer.open(token, binding) : undefined;
  if (opened === undefined) {
    log.warn({ event: 'session.forged', platform: 'alexa' }, 'session attributes ignored: not sealed for this user and session');
    return {};
  }
  return readSessionState(opened);
}

/** The session attributes to send back: the plain state, or `{ s: <token> }` sealed for the binding; an empty state as `{}`. */
export function writeAttributes(state: SessionState, binding: SealBinding, sealer: SessionSealer | undefined): Record<string, unknown> {
  const plain = writeSessionState(state);
  if (!sealer || Object.keys(plain).length === 0) return plain;
  return { [SEALED_ATTRIBUTE]: sealer.seal(plain, binding) };
}
