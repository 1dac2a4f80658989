import type { RequestEnvelope } from 'ask-sdk-model';

/**
 * The least an Alexa request must carry for us to answer it. Anything else is bad input and gets
 * a 400, never a crash deeper down.
 */
export function isAlexaEnvelope(body: unknown): body is RequestEnvelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, any>;
  const request = b.request;
  const system = b.context?.System;
  return (
    typeof b.version === 'string' &&
    typeof request === 'object' && request !== null &&
    typeof request.type === 'string' && request.type.length <= 200 &&
    typeof request.requestId === 'string' &&
    typeof request.timestamp === 'string' &&
    typeof system === 'object' && system !== null &&
    typeof system.application?.applicationId === 'string' &&
    (system.user === undefined || typeof system.user === 'object') &&
    (b.session === undefined || (typeof b.session === 'object' && b.session !== null)) &&
    (request.intent === undefined || (typeof request.intent === 'object' && request.intent !== null && typeof request.intent.name === 'string')) &&
    (request.intent?.slots === undefined || (typeof request.intent.slots === 'object' && request.intent.slots !== null))
  );
}

/** The skill id a request names (context.System; session.application must agree when present). */
export function skillIdOf(envelope: RequestEnvelope): string | undefined {
  const fromContext = envelope.context?.System?.application?.applicationId;
  const fromSession = envelope.session?.application?.applicationId;
  if (fromSession !== undefined && fromSession !== fromContext) return undefined;
  return fromContext;
}
