import type { Speech, VoiceReply } from '../../domain/turn.js';
import { incomingContexts, outgoingContexts, type StateSeal } from './session-context.js';
import type { GooglePayload, IntentMessage, WebhookRequest, WebhookResponse } from './webhook-types.js';

/**
 * Translates the domain's reply into a Dialogflow ES `WebhookResponse`:
 * - `fulfillmentText`: the speech as plain text, always set (actions-on-google fills it only when
 *   it guesses the console simulator — platform-rules.md, "Google");
 * - `fulfillmentMessages`: the same text, plus a card when the reply has one, with no `platform`
 *   so every integration (Messenger, telephony, detectIntent callers) shows them; a reply's
 *   `transferTo` adds a `TELEPHONY` transfer message for the phone gateway;
 * - `payload.google`: the SSML and whether a reply is expected, for integrations that still
 *   read the Actions on Google payload; left out when there is nothing to say;
 * - `outputContexts`: the session state, or every context cleared when the session ends.
 *
 * The request gives the session path and the contexts to clear; nothing else is read from it.
 * `seal` (the sealer and the turn's user and session) seals the session state.
 *
 * @example toWebhookResponse(reply, request).fulfillmentText // 'Die Filiale München hat heute …'
 */
export function toWebhookResponse(
  reply: VoiceReply,
  request: Pick<WebhookRequest, 'session'> & { queryResult: { outputContexts?: unknown[] } },
  seal?: Pick<StateSeal, 'sealer' | 'binding'>,
): WebhookResponse {
  const text = reply.speech?.text ?? '';
  const messages: IntentMessage[] = text ? [{ text: { text: [text] } }] : [];
  if (reply.card) messages.push({ card: { title: reply.card.title, subtitle: reply.card.text } });
  // The phone gateway puts the call through; other integrations ignore a TELEPHONY message.
  if (reply.transferTo) messages.push({ platform: 'TELEPHONY', telephonyTransferCall: { phoneNumber: reply.transferTo } });
  const response: WebhookResponse = {
    fulfillmentText: text,
    fulfillmentMessages: messages,
    outputContexts: outgoingContexts(request.session, incomingContexts(request.queryResult.outputContexts), reply, seal),
  };
  const google = googlePayload(reply);
  if (google) response.payload = { google };
  return response;
}

function googlePayload(reply: VoiceReply): GooglePayload | undefined {
  if (!reply.speech?.text) return undefined;
  const payload: GooglePayload = {
    expectUserResponse: !reply.endSession,
    richResponse: { items: [{ simpleResponse: simpleResponse(reply.speech) }] },
  };
  if (!reply.endSession && reply.reprompt?.text) payload.noInputPrompts = [simpleResponse(reply.reprompt)];
  return payload;
}

/** Speech's `ssml` is inner content, escaped by the domain; Google wants it inside `<speak>`. */
function simpleResponse(speech: Speech): { textToSpeech: string; displayText: string } {
  return { textToSpeech: `<speak>${speech.ssml}</speak>`, displayText: speech.text };
}
