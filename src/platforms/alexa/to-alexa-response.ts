import type { ResponseBuilder } from 'ask-sdk-core';
import type { Intent, Response } from 'ask-sdk-model';
import type { VoiceReply } from '../../domain/turn.js';

/** Alexa's caps (platform-rules.md, "Alexa: responses"). */
export const ALEXA_LIMITS = { speechChars: 8000, cardChars: 8000 } as const;

function cap(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/** SSML that stays valid when capped: cut on a tag boundary, then close nothing half-open. */
function capSsml(ssml: string, max: number): string {
  const budget = max - '<speak></speak>'.length;
  if (ssml.length <= budget) return ssml;
  const cut = ssml.slice(0, budget);
  const safe = cut.slice(0, Math.max(cut.lastIndexOf('>') + 1, cut.lastIndexOf(' ')));
  return safe.replace(/<[^>]*$/, '').replace(/&[a-z]*$/, '');
}

/** Writes the domain's reply into ask-sdk-core's response builder; decides nothing. */
export function toAlexaResponse(reply: VoiceReply, builder: ResponseBuilder): Response {
  if (reply.speech?.ssml) builder.speak(capSsml(reply.speech.ssml, ALEXA_LIMITS.speechChars));
  if (!reply.endSession && reply.reprompt?.ssml) builder.reprompt(capSsml(reply.reprompt.ssml, ALEXA_LIMITS.speechChars));
  if (reply.card?.type === 'link-account') builder.withLinkAccountCard();
  else if (reply.card?.type === 'permissions') builder.withAskForPermissionsConsentCard(reply.card.permissions);
  else if (reply.card) builder.withSimpleCard(cap(reply.card.title, 200), cap(reply.card.text, ALEXA_LIMITS.cardChars));
  if (reply.dialog && !reply.endSession) {
    const intent: Intent = { name: reply.dialog.intent, confirmationStatus: 'NONE' };
    if (reply.dialog.type === 'confirm-intent') builder.addConfirmIntentDirective(intent);
    else builder.addElicitSlotDirective(reply.dialog.slot, { ...intent, slots: { [reply.dialog.slot]: { name: reply.dialog.slot, confirmationStatus: 'NONE' } } });
  }
  // A SessionEndedRequest gets an empty, valid response: no shouldEndSession at all.
  if (reply.handledAs !== 'SessionEndedRequest') builder.withShouldEndSession(reply.endSession);
  return builder.getResponse();
}
