import type { NluModel } from '../../src/simulator/nlu-model.js';

/**
 * The baseline: what a quick simulator does (virtual-alexa's approach) — one regular expression
 * per sample, `{slot}` as `(.+?)`, tried in model order on the lower-cased sentence; the first
 * match wins; no slot types, no ranking, no normalisation beyond lower case.
 */
export function naiveMatcher(model: NluModel): (sentence: string) => string {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const compiled = model.patterns.map((p) => ({
    intent: p.intent,
    regex: new RegExp(`^${p.text.toLowerCase().split(/(\{[^{}]+\})/).map((part) => (/^\{.+\}$/.test(part) ? '(.+?)' : escape(part))).join('')}$`),
  }));
  return (sentence) => {
    const said = sentence.toLowerCase().trim();
    for (const c of compiled) if (c.regex.test(said)) return c.intent;
    return model.fallbackIntent;
  };
}
