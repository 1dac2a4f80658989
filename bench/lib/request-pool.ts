import type { KeyObject } from 'node:crypto';
import type { AutocannonRequest } from 'autocannon';
import { alexaBody, signedAlexaRequest, type AlexaSession, type AlexaTurnName } from './alexa-requests.js';

/** The requests a load run cycles through; a pool that expires says how to renew itself. */
export interface RequestPool {
  /** The requests to send now. */
  current(): AutocannonRequest[];
  /** Renews the requests (new timestamps and signatures); absent when they never expire. */
  refresh?(): void;
}

/** A pool of requests that stay valid forever (Dialogflow requests, fixed-JSON baselines). */
export function fixedPool(requests: AutocannonRequest[]): RequestPool {
  return { current: () => requests };
}

/** Where signed Alexa requests point, and with which key they are signed. */
export interface AlexaSigning {
  leafKey: KeyObject;
  certUrl: string;
  skillId: string;
}

/**
 * Alexa requests signed now, each with its own request id. `refresh()` re-stamps and re-signs
 * them all: the server accepts a timestamp within ±150 s (platform-rules.md, rule 5), so the load
 * runner renews the pool every few seconds and a run may last as long as it likes. With
 * `sessions`, request i continues session i (a follow-up turn with the attributes the server
 * sealed for it); the pool then has one request per session.
 *
 * @example const pool = signedAlexaPool('ProductLookupIntent', 16, signing); pool.refresh?.();
 */
export function signedAlexaPool(turn: AlexaTurnName, size: number, signing: AlexaSigning, sessions?: AlexaSession[]): RequestPool {
  const build = () =>
    Array.from({ length: sessions ? sessions.length : size }, (_, i) =>
      signedAlexaRequest(alexaBody(turn, signing.skillId, new Date(), sessions?.[i]), signing.leafKey, signing.certUrl),
    );
  let requests = build();
  return {
    current: () => requests,
    refresh() {
      requests = build();
    },
  };
}

/** Several pools as one: their requests interleaved (the soak run's mixed traffic). */
export function mixedPool(pools: RequestPool[]): RequestPool {
  const interleave = () => {
    const lists = pools.map((p) => p.current());
    const longest = Math.max(...lists.map((l) => l.length));
    const out: AutocannonRequest[] = [];
    for (let i = 0; i < longest; i++) for (const list of lists) if (list[i]) out.push(list[i]!);
    return out;
  };
  let requests = interleave();
  return {
    current: () => requests,
    refresh() {
      for (const pool of pools) pool.refresh?.();
      requests = interleave();
    },
  };
}
