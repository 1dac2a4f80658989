import { performance } from 'node:perf_hooks';
import { commerceForReply } from '../catalog/resilient-commerce.js';
import { handleTurn } from '../domain/handle-turn.js';
import { createAlexaEndpoint, type AlexaRequestVerifier } from '../platforms/alexa/alexa-endpoint.js';
import type { PlatformEndpoint } from '../platforms/endpoint.js';
import { createGoogleEndpoint } from '../platforms/google/google-endpoint.js';
import type { TurnHandler } from '../platforms/request-context.js';
import { alexaVerifierFromConfig } from './alexa-verifier-from-config.js';
import type { Metrics } from './metrics.js';
import type { AppDeps } from './open-deps.js';
import { skillEventRecorder } from './skill-events.js';

/**
 * The domain's `handleTurn`, wrapped once for every platform and transport: the catalog bounded
 * by the request's reply deadline (every catalog call of a reply shares it, so a reply always
 * goes out in time), the request's logger, the turn counted, and the outcome noted for the
 * request's latency histogram.
 *
 * @example const handle = createTurnHandler(deps, metrics); await handle(turn, context);
 */
export function createTurnHandler(deps: AppDeps, metrics: Metrics): TurnHandler {
  const { state, contact, addressForm, notifications, feedbackEveryDays, purchaseCodes, customerProfile, callbacks } = deps;
  // What every turn gets alike, put together once; a turn adds its catalog view and logger.
  const fixed = {
    state,
    contact,
    ...(addressForm ? { addressForm } : {}),
    ...(notifications ? { notifications } : {}),
    ...(feedbackEveryDays ? { feedbackEveryDays } : {}),
    ...(purchaseCodes ? { purchaseCodes } : {}),
    ...(customerProfile ? { customerProfile } : {}),
    ...(callbacks ? { callbacks } : {}),
  };
  const recorder = deps.analytics?.recorder;
  return async (turn, context) => {
    const started = performance.now();
    const reply = await handleTurn(turn, { ...fixed, commerce: commerceForReply(deps.commerce, context.deadline, context.log), log: context.log });
    metrics.turn(turn.platform, reply, turn.locale);
    metrics.conversation(turn.platform, turn.session.isNew, reply);
    context.outcome = reply.outcome;
    // Buffered and written off the reply path (analytics/turn-recorder.ts).
    recorder?.record(turn, reply, performance.now() - started);
    linkSubscriber(deps, turn, context.log);
    return reply;
  };
}

/**
 * The first turn of a linked Alexa session records which shop customer the user is, so the
 * shop's status changes find their subscriber (docs/notifications.md, "Who gets a notification":
 * explicit account linking, never background matching). Off the reply path; a failure is logged.
 */
function linkSubscriber(deps: AppDeps, turn: Parameters<TurnHandler>[0], log: AppDeps['log']): void {
  const outbox = deps.outbox;
  const token = turn.user.accessToken;
  if (!outbox || !token || turn.platform !== 'alexa' || !turn.session.isNew) return;
  void deps.commerce.customerByToken(token)
    .then((customer) => customer && outbox.linkCustomer(turn.user.id, customer.id, turn.locale, turn.now.toJSDate()))
    .catch((err: unknown) => log.warn({ event: 'notification.link.failed', err }, 'linking the notification subscriber failed'));
}

/**
 * `POST /alexa` as the configuration asks: the Alexa verifier (or `deps.alexaVerifier`), the skill
 * ids, the clock, the session seal (`deps.sessionSealer`). `verify: false` leaves the signature checks out for Alexa's own Lambda trigger
 * (platform-rules.md, rule 9); the skill-id check stays.
 *
 * @example const alexa = alexaEndpoint(deps, createTurnHandler(deps, metrics));
 */
export function alexaEndpoint(deps: AppDeps, handleTurn: TurnHandler, options: { verify?: boolean } = {}): PlatformEndpoint {
  const { config } = deps;
  let verifier: AlexaRequestVerifier | undefined;
  if (config.alexa.verify && options.verify !== false) verifier = deps.alexaVerifier ?? alexaVerifierFromConfig(config.alexa);
  return createAlexaEndpoint({
    handleTurn,
    // A disabled skill's user is forgotten everywhere: state store, notification outbox, purchase code counts.
    forgetUser: async (userId) => (await deps.state.forgetUser(userId)) + ((await deps.outbox?.forgetSubscriber(userId)) ?? 0) +
      ((await deps.purchaseCodes?.forgetUser(userId)) ?? 0),
    onSkillEvent: skillEventRecorder(deps),
    verifier,
    skillIds: config.alexa.skillIds,
    clock: deps.now,
    log: deps.log,
    ...(deps.sessionSealer ? { sessionSealer: deps.sessionSealer } : {}),
  });
}

/**
 * `POST /google` as the configuration asks: basic auth (its state is logged once, here), the clock.
 *
 * @example const google = googleEndpoint(deps, createTurnHandler(deps, metrics));
 */
export function googleEndpoint(deps: AppDeps, handleTurn: TurnHandler): PlatformEndpoint {
  return createGoogleEndpoint({ handleTurn, auth: deps.config.google, clock: deps.now, log: deps.log, ...(deps.sessionSealer ? { sessionSealer: deps.sessionSealer } : {}) });
}
