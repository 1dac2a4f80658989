// The simulator's in-process transport, with every answered turn handed to `onTurn` as the
// server's one turn wrapper will: (turn, reply, latencyMs). Tests record analytics from real
// turns through it, as live traffic would be recorded.
import type { DateTime } from 'luxon';
import { silentLogger } from '../../src/domain/deps.js';
import type { VoiceReply, VoiceTurn } from '../../src/domain/turn.js';
import { createAlexaEndpoint } from '../../src/platforms/alexa/alexa-endpoint.js';
import type { HttpCall } from '../../src/platforms/endpoint.js';
import { createGoogleEndpoint } from '../../src/platforms/google/google-endpoint.js';
import type { TurnHandler } from '../../src/platforms/request-context.js';
import { createTurnHandler } from '../../src/server/endpoints.js';
import { createMetrics } from '../../src/server/metrics.js';
import type { AppDeps } from '../../src/server/open-deps.js';
import type { Transport } from '../../src/simulator/transport.js';

export type TurnListener = (turn: VoiceTurn, reply: VoiceReply, latencyMs: number) => void;

const jsonCall = (body: object): HttpCall => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });

/** Every turn "takes" this many milliseconds, so latency figures are known exactly. */
export function observedTransport(deps: AppDeps, onTurn: TurnListener, latencyMs: (turn: VoiceTurn) => number = () => 25): Transport {
  const served = createTurnHandler(deps, createMetrics());
  const handleTurn: TurnHandler = async (turn, context) => {
    const reply = await served(turn, context);
    onTurn(turn, reply, latencyMs(turn));
    return reply;
  };
  let clock: DateTime | undefined;
  const alexa = createAlexaEndpoint({ handleTurn, forgetUser: (userId) => deps.state.forgetUser(userId), skillIds: [], log: silentLogger });
  const google = createGoogleEndpoint({ handleTurn, auth: { authOff: true }, clock: () => clock!, log: silentLogger });
  return {
    async alexa(envelope) {
      const answer = await alexa(jsonCall(envelope));
      return { status: answer.status, body: JSON.parse(answer.body) };
    },
    async google(request, at) {
      clock = at;
      const answer = await google(jsonCall(request));
      return { status: answer.status, body: JSON.parse(answer.body) };
    },
    describe: () => 'in process, observed',
  };
}
