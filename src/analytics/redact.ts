/** The sentence redaction lives with the domain, which also redacts a callback's last turns. */
export { redactSentence } from '../domain/redact.js';
