import assert from 'node:assert/strict';
import { AlexaVerificationError, type AlexaVerificationCheck } from '../../src/platforms/alexa/verifier/index.js';

/** Asserts that `action` fails verification at `check`, optionally with a reason matching `reason`. */
export async function rejectsAt(
  action: Promise<unknown> | (() => unknown),
  check: AlexaVerificationCheck,
  reason?: RegExp,
): Promise<void> {
  await assert.rejects(
    async () => (typeof action === 'function' ? action() : action),
    (error: unknown) => {
      assert.ok(error instanceof AlexaVerificationError, `expected AlexaVerificationError, got ${String(error)}`);
      assert.equal(error.check, check, error.reason);
      if (reason) assert.match(error.reason, reason);
      return true;
    },
  );
}
