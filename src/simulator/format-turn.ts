import type { TurnResult } from './turn-result.js';

/**
 * The `--json` line of `shopvoice simulate` (design.md, "CLI"): `utterance`, `platform`,
 * `locale`, `intent`, `slots` (every declared slot as `{ value, id }`, `null` when not spoken or
 * not resolved), `speech` and `reprompt` as plain text, and `endSession`; then how the intent was
 * found (docs/understanding.md): `match` (`literal`, `statistical` or `none`), `score` (0…1) and
 * `runnerUps` (`[{ intent, score }]`, best first).
 */
export function turnJson(result: TurnResult): string {
  const slots: Record<string, { value: string | null; id: string | null }> = {};
  for (const [name, slot] of Object.entries(result.slots)) slots[name] = { value: slot.value ?? null, id: slot.id ?? null };
  return JSON.stringify({
    utterance: result.utterance ?? null,
    platform: result.platform,
    locale: result.locale,
    intent: result.intent,
    slots,
    speech: result.speech,
    reprompt: result.reprompt,
    endSession: result.endSession,
    match: result.match,
    score: Math.round(result.score * 1000) / 1000,
    runnerUps: result.runnerUps.map((r) => ({ intent: r.intent, score: Math.round(r.score * 1000) / 1000 })),
  });
}

/** The readable view of one turn: intent and runner-up, slots, speech, reprompt, session state. */
export function turnText(result: TurnResult): string[] {
  const lines: string[] = [];
  const how = result.invocation === 'none' ? '' : ` (${result.invocation})`;
  const confirmation = result.confirmationStatus !== 'NONE' ? `, ${result.confirmationStatus}` : '';
  const dialog = result.inDialog ? ', read as the answer to the open question' : '';
  const scored = (score: number): string => (result.match === 'literal' ? '' : ` ${score.toFixed(2)}`);
  const runnerUp = result.runnerUps[0] ? `   runner-up: ${result.runnerUps.map((r) => `${r.intent}${scored(r.score)}`).join(', ')}` : '';
  const matched = result.kind === 'intent' && result.invocation !== 'explicit' ? ` [${result.match}${scored(result.score)}]` : '';
  lines.push(`  intent    ${result.intent}${how}${matched}${confirmation}${dialog}${runnerUp}`);
  const slots = Object.entries(result.slots);
  if (slots.length > 0) {
    lines.push(
      `  slots     ${slots
        .map(([name, s]) => {
          if (s.value === undefined) return `${name} = (empty)`;
          const resolved = s.id ? ` → ${s.id}${s.name && s.name !== s.id ? ` "${s.name}"` : ''}` : s.status === 'ER_SUCCESS_NO_MATCH' ? ' (no match)' : '';
          return `${name} = "${s.value}"${resolved}`;
        })
        .join(', ')}`,
    );
  }
  if (result.status !== 200) lines.push(`  status    HTTP ${result.status} ${JSON.stringify(result.response)}`);
  lines.push(`  speech    ${result.speech || '(none)'}`);
  if (result.reprompt) lines.push(`  reprompt  ${result.reprompt}`);
  if (result.card) lines.push(`  card      ${result.card.type}: ${result.card.title ?? ''}${result.card.text ? ` — ${result.card.text.replace(/\n/g, ' / ')}` : ''}`);
  if (result.directives.length > 0) lines.push(`  dialog    ${result.directives.map((d) => d.type).join(', ')}`);
  if (result.answeredByDialog) lines.push('  dialog    answered by Alexa from the model\'s prompts (no request to the skill)');
  lines.push(`  session   ${result.endSession ? 'ended' : 'open'}${result.newSession ? ' (new)' : ''}`);
  return lines;
}
