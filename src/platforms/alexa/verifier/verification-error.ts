/**
 * Which rule a request failed (platform-rules.md, "Alexa: verifying that a request comes from
 * Alexa"). Stable strings, fit for a metrics label.
 */
export type AlexaVerificationCheck =
  | 'cert-url' // rule 1
  | 'cert-fetch' // rule 2
  | 'cert-chain' // rule 3
  | 'signature' // rule 4
  | 'timestamp' // rule 5
  | 'skill-id'; // rule 6

/**
 * A request that must not be served. `reason` is for logs only: rule 7 wants every failure
 * answered with HTTP 400 and a generic body, so callers never send `reason` or `message` out.
 *
 * @example
 * try { await verifier.verify(req.headers, rawBody, body) }
 * catch (e) { if (e instanceof AlexaVerificationError) { log.warn({ check: e.check, reason: e.reason }); res.status(400) } }
 */
export class AlexaVerificationError extends Error {
  constructor(
    readonly check: AlexaVerificationCheck,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Alexa request verification failed (${check}): ${reason}`, options);
    this.name = 'AlexaVerificationError';
  }
}
