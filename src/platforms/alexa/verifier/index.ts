/** Alexa request verification, our own (platform-rules.md, rules 1–6). */
export { createAlexaVerifier, type AlexaVerifier, type AlexaVerifierOptions } from './create-alexa-verifier.js';
export { AlexaVerificationError, type AlexaVerificationCheck } from './verification-error.js';
export { verifySkillId, verifyTimestamp, type TimestampTolerance } from './request-checks.js';
export { parseCertChainUrl } from './cert-chain-url.js';
export { createCertChainFetcher, type CertChainFetcher, type CertChainFetcherOptions } from './fetch-cert-chain.js';
export { validateCertChain, checkChainDates, splitPemCertificates, type ValidatedChain } from './cert-chain.js';
export { createTrustStore, defaultTrustStore, type TrustStore } from './trust-store.js';
export { type RequestHeaders } from './request-signature.js';
