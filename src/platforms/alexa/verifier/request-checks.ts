import { AlexaVerificationError } from './verification-error.js';

/** Timestamp tolerances in seconds; defaults from rule 5. */
export interface TimestampTolerance {
  /** Largest distance from now, past or future. */
  toleranceSec?: number;
  /** Largest age of an `AlexaSkillEvent.*` request (still at most `toleranceSec` in the future). */
  skillEventToleranceSec?: number;
}

const DEFAULT_TOLERANCE = {
  toleranceSec: 150, // 150 s
  skillEventToleranceSec: 3_600, // 1 h
};

/**
 * Rule 6: `context.System.application.applicationId` must be one of `skillIds` (an empty list
 * accepts any id), and `session.application.applicationId`, when present, must name the same
 * skill. Used on its own by the Lambda handler, where an ARN invocation needs no signature
 * (rule 9) but the skill id check stays.
 *
 * @example
 * verifySkillId(JSON.parse(rawBody), ['amzn1.ask.skill.1234']); // throws AlexaVerificationError('skill-id', …)
 */
export function verifySkillId(body: unknown, skillIds: readonly string[]): void {
  const contextId = at(body, 'context', 'System', 'application', 'applicationId');
  if (typeof contextId !== 'string' || contextId === '') {
    throw fail('skill-id', 'missing context.System.application.applicationId');
  }
  const sessionId = at(body, 'session', 'application', 'applicationId');
  if (sessionId !== undefined && sessionId !== contextId) {
    throw fail('skill-id', 'session and context name different skills');
  }
  if (skillIds.length > 0 && !skillIds.includes(contextId)) {
    throw fail('skill-id', `skill id ${contextId} is not configured`);
  }
}

/**
 * Rule 5: `request.timestamp` must lie within `toleranceSec` of `nowMs`, in the past or the
 * future; `AlexaSkillEvent.*` requests may be up to `skillEventToleranceSec` old.
 *
 * @example
 * verifyTimestamp(body, Date.now()); // throws when the request is older or newer than 150 s
 */
export function verifyTimestamp(body: unknown, nowMs: number, tolerance: TimestampTolerance = {}): void {
  const toleranceSec = tolerance.toleranceSec ?? DEFAULT_TOLERANCE.toleranceSec;
  const skillEventToleranceSec = tolerance.skillEventToleranceSec ?? DEFAULT_TOLERANCE.skillEventToleranceSec;
  const timestamp = at(body, 'request', 'timestamp');
  const sentAt = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  if (!Number.isFinite(sentAt)) throw fail('timestamp', 'missing or unreadable request.timestamp');
  const type = at(body, 'request', 'type');
  const isSkillEvent = typeof type === 'string' && type.startsWith('AlexaSkillEvent.');
  const maxAgeSec = isSkillEvent ? Math.max(skillEventToleranceSec, toleranceSec) : toleranceSec;
  const ageSec = (nowMs - sentAt) / 1000;
  if (ageSec > maxAgeSec) throw fail('timestamp', `request is ${Math.round(ageSec)} s old`);
  if (-ageSec > toleranceSec) throw fail('timestamp', `request is ${Math.round(-ageSec)} s in the future`);
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function fail(check: 'skill-id' | 'timestamp', reason: string): AlexaVerificationError {
  return new AlexaVerificationError(check, reason);
}
