import { intentRequest, launchRequest, type AlexaRequestOptions } from './alexa-requests.js';
import { spoken, type TestServer } from './test-server.js';

/** What a tester looks at in one Alexa answer. */
export interface AlexaAnswer {
  status: number;
  speech: string;
  reprompt: string;
  end: boolean | undefined;
  card: any;
  directives: any[];
  attributes: Record<string, any>;
  body: any;
}

export async function sendAlexa(server: TestServer, request: Record<string, unknown>): Promise<AlexaAnswer> {
  const res = await server.post('/alexa', request);
  const response = res.json?.response ?? {};
  return {
    status: res.status,
    speech: spoken(response.outputSpeech?.ssml),
    reprompt: spoken(response.reprompt?.outputSpeech?.ssml),
    end: response.shouldEndSession,
    card: response.card,
    directives: response.directives ?? [],
    attributes: res.json?.sessionAttributes ?? {},
    body: res.json,
  };
}

/** An IntentRequest over HTTP. */
export function askIntent(server: TestServer, intent: string, o: AlexaRequestOptions = {}): Promise<AlexaAnswer> {
  return sendAlexa(server, intentRequest(intent, o));
}

export function launch(server: TestServer, o: AlexaRequestOptions = {}): Promise<AlexaAnswer> {
  return sendAlexa(server, launchRequest(o));
}
