import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { openModelSet, type ModelSet } from '../../src/simulator/model-set.js';
import type { NluModel } from '../../src/simulator/nlu-model.js';
import type { PlatformAnswer, Transport } from '../../src/simulator/transport.js';
import { understand } from '../../src/simulator/understand.js';
import type { Recognition } from '../../src/simulator/recognize.js';

/** The small models in test/simulator/fixtures/models (same layout as interaction-models/). */
export const FIXTURE_MODELS = fileURLToPath(new URL('./fixtures/models', import.meta.url));

export function fixtureModels(): ModelSet {
  return openModelSet(FIXTURE_MODELS);
}

/** Sunday, 22 November 2026, 10:00 in Berlin: the demo shop's "today". */
export const SUNDAY = DateTime.fromISO('2026-11-22T10:00:00', { zone: 'Europe/Berlin' });

/** The recognition of a sentence spoken inside the session (fails the test on a launch). */
export function heard(model: NluModel, utterance: string, clock: DateTime = SUNDAY): Recognition {
  const u = understand(model, utterance, { clock });
  if (u.kind !== 'intent') throw new Error(`"${utterance}" was taken as a launch`);
  return u.recognition;
}

/**
 * A transport that records every request and answers with what `answer` returns: a stand-in
 * skill, for pinning what the simulator sends and how it reads dialog directives.
 */
export function recordingTransport(answer: { alexa?: (envelope: any) => any; google?: (request: any) => any }): Transport & { sent: any[] } {
  const sent: any[] = [];
  return {
    sent,
    async alexa(envelope): Promise<PlatformAnswer> {
      sent.push(envelope);
      return { status: 200, body: answer.alexa?.(envelope) ?? { version: '1.0', response: { shouldEndSession: false } } };
    },
    async google(request): Promise<PlatformAnswer> {
      sent.push(request);
      return { status: 200, body: answer.google?.(request) ?? { fulfillmentText: '', fulfillmentMessages: [] } };
    },
    describe: () => 'recording',
  };
}

/** An Alexa response body that keeps the session open, with optional directives. */
export function alexaReply(text: string, extra: { directives?: object[]; attributes?: object; end?: boolean } = {}): object {
  return {
    version: '1.0',
    sessionAttributes: extra.attributes ?? {},
    response: {
      outputSpeech: { type: 'SSML', ssml: `<speak>${text}</speak>` },
      ...(extra.directives ? { directives: extra.directives } : {}),
      shouldEndSession: extra.end ?? false,
    },
  };
}
