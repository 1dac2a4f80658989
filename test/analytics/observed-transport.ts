// The simulator's in-process transport, with every answered turn handed to `onTurn` as the
// server's one turn wrapper will: (turn, reply, latencyMs). Tests record analytics from real
// turns through it, as live traffic would be recorded.
import type { RequestEnvelope } from 'ask-sdk-model';
import type { DateTime } from 'luxon';
import { handleTurn } from '../../src/domain/handle-turn.js';
import type { VoiceReply, VoiceTurn } from '../../src/domain/turn.js';
import { createAlexaSkill } from '../../src/platforms/alexa/skill.js';
import { toVoiceTurn } from '../../src/platforms/alexa/to-voice-turn.js';
import { createGoogleWebhook } from '../../src/platforms/google/google-webhook.js';
import type { AppDeps } from '../../src/server/app.js';
import type { Transport } from '../../src/simulator/transport.js';

export type TurnListener = (turn: VoiceTurn, reply: VoiceReply, latencyMs: number) => void;

/** Every turn "takes" this many milliseconds, so latency figures are known exactly. */
export function observedTransport(deps: AppDeps, onTurn: TurnListener, latencyMs: (turn: VoiceTurn) => number = () => 25): Transport {
  const skill = createAlexaSkill({ ...deps, now: undefined });
  let clock: DateTime | undefined;
  const webhook = createGoogleWebhook({ ...deps, now: () => clock! }, async (turn, turnDeps) => {
    const reply = await handleTurn(turn, turnDeps);
    onTurn(turn, reply, latencyMs(turn));
    return reply;
  });
  return {
    async alexa(envelope) {
      let reply: VoiceReply | undefined;
      const body = await skill.invoke(envelope as RequestEnvelope, { ...deps, onReply: (r) => void (reply = r) });
      if (reply) {
        const turn = toVoiceTurn(envelope as RequestEnvelope);
        onTurn(turn, reply, latencyMs(turn));
      }
      return { status: 200, body };
    },
    async google(request, at) {
      clock = at;
      const answer = await webhook.answer(request);
      return { status: answer.status, body: answer.body };
    },
    describe: () => 'in process, observed',
  };
}
