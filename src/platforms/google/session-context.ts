import { isSharedIntent, SHARED_INTENTS, type SharedIntent } from '../../domain/intents.js';
import type { SealBinding, SessionSealer } from '../../domain/session-seal.js';
import { readSessionState as readDomainState, writeSessionState } from '../../domain/session-state.js';
import type { DialogAct, SessionState } from '../../domain/turn.js';
import { isRecord, type DialogflowContext } from './webhook-types.js';

/**
 * Output contexts the adapter owns. Dialogflow lower-cases context names, so ours are lower case.
 * The agent may use the dialog ones as input contexts (e.g. for its yes/no intents).
 */
export const GOOGLE_CONTEXTS = {
  /** The session state (`SessionState` as JSON in `parameters.state`). */
  session: 'shopvoice_session',
  /** A yes/no question is open (`confirm-intent`); `parameters.intent` names what it confirms. */
  confirm: 'shopvoice_confirm',
  /** A slot was asked for (`elicit-slot`); `parameters.intent` and `parameters.slot`. */
  elicit: 'shopvoice_elicit',
} as const;

/**
 * Turns the session context survives without a webhook answer. Every webhook answer renews it;
 * Dialogflow also expires contexts 20 minutes after the last matched query.
 */
export const SESSION_LIFESPAN = 50;

/** Larger state than this is not ours (we write far less): it starts a fresh session. */
const MAX_STATE_CHARS = 8 * 1024;
/**
 * The same for a sealed state: base64url adds a third, so a state filled to every cap (6.6 KiB of
 * UTF-8) seals to about 9,100 characters; the sealer refuses more than 16 KiB anyway.
 */
const MAX_SEALED_CHARS = 16 * 1024;

/** `<session>/contexts/<name>`: the name format Dialogflow requires (platform-rules.md). */
export function contextName(session: string, name: string): string {
  return `${session}/contexts/${name}`;
}

/** The short name of a context (`…/contexts/<name>` → `<name>`), lower case. */
export function shortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('/') + 1).toLowerCase();
}

/**
 * Contexts read from a request: Dialogflow lists the few active ones (ours, the agent's, its
 * counters); more is not Dialogflow, and none past these is looked at.
 */
export const MAX_CONTEXTS = 100;

/** The request's contexts (the first {@link MAX_CONTEXTS}), keeping only well-formed entries. */
export function incomingContexts(outputContexts: unknown): DialogflowContext[] {
  if (!Array.isArray(outputContexts)) return [];
  return outputContexts.slice(0, MAX_CONTEXTS).filter(
    (c): c is DialogflowContext => isRecord(c) && typeof c.name === 'string' && c.name.includes('/contexts/'),
  );
}

/**
 * The slot the last reply asked for (`shopvoice_elicit`), when it is still alive and names a
 * declared slot of a shared intent: contexts come back from the client, so both are checked.
 */
export function elicitedSlot(contexts: DialogflowContext[]): { intent: SharedIntent; slot: string } | undefined {
  // Listed at all means it was alive for this query (its lifespan may just have run down to 0).
  const context = contexts.find((c) => shortName(c.name) === GOOGLE_CONTEXTS.elicit);
  const intent = context?.parameters?.intent;
  const slot = context?.parameters?.slot;
  if (typeof intent !== 'string' || typeof slot !== 'string' || !isSharedIntent(intent)) return undefined;
  return slot in SHARED_INTENTS[intent].slots ? { intent, slot } : undefined;
}

/**
 * How the session state is sealed: the sealer, and the user and session the turn uses. `forged`
 * is told when the state that came back does not open for them.
 */
export interface StateSeal {
  sealer: SessionSealer;
  binding: SealBinding;
  forged?: () => void;
}

/**
 * The session state carried in `shopvoice_session`, or `undefined` when the context is absent
 * (a new session). A context that does not parse into a `SessionState` gives an empty state:
 * contexts come back from the client, so nothing in them is trusted as is. With a seal, only a
 * token sealed for this user and session opens; anything else is an empty state and `forged`.
 */
export function readSessionState(contexts: DialogflowContext[], seal?: StateSeal): SessionState | undefined {
  const context = contexts.find((c) => shortName(c.name) === GOOGLE_CONTEXTS.session);
  if (!context) return undefined;
  const raw = context.parameters?.state;
  if (seal) {
    // An empty state authorises nothing: it is written unsealed (saves a seal per turn) and read as is.
    if (raw === EMPTY_STATE) return {};
    const opened = typeof raw === 'string' && raw.length <= MAX_SEALED_CHARS ? seal.sealer.open(raw, seal.binding) : undefined;
    if (opened === undefined) {
      seal.forged?.();
      return {};
    }
    return readDomainState(opened);
  }
  if (typeof raw !== 'string' || raw.length > MAX_STATE_CHARS) return {};
  try {
    return readDomainState(JSON.parse(raw));
  } catch {
    return {};
  }
}

/** An empty state, as it is written sealed or not. */
const EMPTY_STATE = '{}';

/** The contexts the adapter owns, by short name: only these are ever cleared. */
const OWN_CONTEXTS: ReadonlySet<string> = new Set(Object.values(GOOGLE_CONTEXTS));

/**
 * The contexts to send back. An open session renews `shopvoice_session` (its state sealed when
 * there is a seal) and marks an open dialog act for one turn. A session end sets ours to lifespan
 * 0, which is how Dialogflow deletes a context: `shopvoice_session` and whichever other of ours
 * the request brought. The client's own list is never echoed (an answer stays a small multiple of
 * the request); the agent's contexts and `__system_counters__` are Dialogflow's to expire.
 */
export function outgoingContexts(
  session: string,
  incoming: DialogflowContext[],
  reply: { endSession: boolean; state: SessionState; dialog?: DialogAct },
  seal?: Pick<StateSeal, 'sealer' | 'binding'>,
): DialogflowContext[] {
  if (reply.endSession) {
    const names = new Set<string>([GOOGLE_CONTEXTS.session]);
    for (const c of incoming) {
      const name = shortName(c.name);
      if (OWN_CONTEXTS.has(name)) names.add(name);
    }
    return [...names].map((name) => ({ name: contextName(session, name), lifespanCount: 0 }));
  }
  const state = writeSessionState(reply.state);
  const contexts: DialogflowContext[] = [
    {
      name: contextName(session, GOOGLE_CONTEXTS.session),
      lifespanCount: SESSION_LIFESPAN,
      parameters: { state: seal && Object.keys(state).length > 0 ? seal.sealer.seal(state, seal.binding) : JSON.stringify(state) },
    },
  ];
  if (reply.dialog?.type === 'confirm-intent') {
    contexts.push({
      name: contextName(session, GOOGLE_CONTEXTS.confirm),
      lifespanCount: 1,
      parameters: { intent: reply.dialog.intent },
    });
  } else if (reply.dialog?.type === 'elicit-slot') {
    contexts.push({
      name: contextName(session, GOOGLE_CONTEXTS.elicit),
      lifespanCount: 1,
      parameters: { intent: reply.dialog.intent, slot: reply.dialog.slot },
    });
  }
  return contexts;
}
