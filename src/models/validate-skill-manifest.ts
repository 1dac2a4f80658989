import { arr, isObj } from './json-shape.js';
import { ProblemList, type Problem } from './problem.js';
import { NOTIFICATIONS_PERMISSION, PROACTIVE_PUBLICATIONS, SKILL_EVENT_SUBSCRIPTIONS } from './skill-manifest.js';

/**
 * Checks `skill-package/skill.json`: it subscribes to every skill event the backend handles and
 * names the endpoint they go to (platform-rules.md: without the subscription Alexa never sends
 * `SkillDisabled`, so the promised deletion of a user's data could never run), and that it
 * publishes the order-status event with the notifications permission (without the publication
 * the Proactive Events API refuses every event; without the permission no customer can turn
 * notifications on; docs/notifications.md).
 */
export function validateSkillManifest(file: string, json: unknown): Problem[] {
  const problems = new ProblemList();
  const manifest = isObj(json) && isObj(json.manifest) ? json.manifest : undefined;
  if (!manifest) {
    problems.error('file-shape', file, 'expected { "manifest": { … } }');
    return problems.items;
  }
  const events = isObj(manifest.events) ? manifest.events : undefined;
  const subscribed = new Set(arr(events?.subscriptions).filter(isObj).map((s) => String(s.eventName)));
  const missing = SKILL_EVENT_SUBSCRIPTIONS.filter((name) => !subscribed.has(name));
  if (missing.length > 0) {
    problems.error('skill-events', file, `manifest.events.subscriptions lacks ${missing.join(', ')}; Alexa sends only the events a skill subscribes to`);
  }
  const endpoint = events && isObj(events.endpoint) ? events.endpoint : undefined;
  if (events && !(typeof endpoint?.uri === 'string' && endpoint.uri)) {
    problems.error('skill-events', file, 'manifest.events.endpoint.uri is missing: the events need an endpoint (the /alexa route)');
  }
  const published = new Set(arr(events?.publications).filter(isObj).map((p) => String(p.eventName)));
  const unpublished = PROACTIVE_PUBLICATIONS.filter((name) => !published.has(name));
  if (unpublished.length > 0) {
    problems.error('proactive-events', file, `manifest.events.publications lacks ${unpublished.join(', ')}; the Proactive Events API refuses events the manifest does not publish`);
  }
  const permissions = new Set(arr(manifest.permissions).filter(isObj).map((p) => String(p.name)));
  if (!permissions.has(NOTIFICATIONS_PERMISSION)) {
    problems.error('proactive-events', file, `manifest.permissions lacks ${NOTIFICATIONS_PERMISSION}; without it no customer can turn order notifications on`);
  }
  return problems.items;
}
