import type { Platform } from '../domain/turn.js';
import { clockAt, DEFAULT_TIME_ZONE, openConversation, type Conversation } from './conversation.js';
import { agentLanguage, type ModelSet } from './model-set.js';
import type { ConversationScript, ScriptStep } from './script-format.js';
import { checkTurn, mergeExpectations } from './script-expectations.js';
import type { Transport } from './transport.js';
import type { TurnResult } from './turn-result.js';

/** One script on one platform in one locale. */
export interface ScriptRunPlan {
  script: ConversationScript;
  platform: Platform;
  locale: string;
}

export interface StepOutcome {
  label: string;
  result?: TurnResult;
  failures: string[];
  skipped?: boolean;
}

export interface ScriptRun extends ScriptRunPlan {
  passed: boolean;
  steps: StepOutcome[];
}

/**
 * The runs a script asks for: on Alexa every locale; on Google one per agent language (en-US and
 * en-GB are both the agent's `en`), with the first such locale's expectations.
 *
 * @example planRuns(script, ['alexa', 'google']).map((r) => `${r.platform} ${r.locale}`)
 */
export function planRuns(script: ConversationScript, only?: readonly Platform[]): ScriptRunPlan[] {
  const plans: ScriptRunPlan[] = [];
  for (const platform of script.platforms) {
    if (only && !only.includes(platform)) continue;
    const languages = new Set<string>();
    for (const locale of script.locales) {
      if (platform === 'google') {
        if (languages.has(agentLanguage(locale))) continue;
        languages.add(agentLanguage(locale));
      }
      plans.push({ script, platform, locale });
    }
  }
  return plans;
}

function applyStepSettings(conversation: Conversation, step: ScriptStep, zone: string): void {
  const s = conversation.settings;
  if (step.clock) s.clock = clockAt(step.clock, zone);
  if (step.account === null) delete s.accessToken;
  else if (step.account !== undefined) s.accessToken = step.account;
  if (step.interfaces) s.interfaces = step.interfaces;
}

/**
 * Runs one script on one platform: a conversation opened with the script's clock, account and
 * device; each step's turn checked against its expectations (the platform's own merged over
 * the common ones). The run stops at the first failing step, since later turns depend on it.
 */
/** What a script may change in the shop behind an in-process run (`shopPrices:`); absent against a server. */
export interface ScriptShop {
  changePrices(prices: Record<string, number>): Promise<void> | void;
}

export async function runScript(plan: ScriptRunPlan, models: ModelSet, transport: Transport, now: string, skillId?: string, shop?: ScriptShop): Promise<ScriptRun> {
  const { script, platform, locale } = plan;
  const zone = script.timeZone ?? DEFAULT_TIME_ZONE;
  const steps: StepOutcome[] = [];
  let failed = false;
  let conversation: Conversation;
  try {
    conversation = await openConversation({
      platform,
      locale,
      models,
      transport,
      clock: script.clock ?? now,
      timeZone: zone,
      ...(script.account ? { accessToken: script.account } : {}),
      ...(script.telephony ? { telephonyCallerId: script.telephony } : {}),
      ...(script.profileMobile ? { profileMobile: script.profileMobile } : {}),
      interfaces: script.interfaces,
      ...(skillId ? { skillId } : {}),
      seed: `${script.name}:${platform}:${locale}`,
    });
  } catch (error) {
    return { ...plan, passed: false, steps: [{ label: 'setup', failures: [(error as Error).message] }] };
  }
  for (const step of script.steps) {
    if (failed || (step.platforms && !step.platforms.includes(platform))) {
      steps.push({ label: step.label, failures: [], skipped: true });
      continue;
    }
    try {
      applyStepSettings(conversation, step, zone);
      if (step.shopPrices) {
        if (!shop) throw new Error('shopPrices: only in process (the scripts change the demo shop they run on)');
        await shop.changePrices(step.shopPrices);
      }
      const result = await conversation.turn(step.input);
      const failures = checkTurn(result, mergeExpectations(step.expect, step.expectFor[platform]));
      steps.push({ label: step.label, result, failures });
      failed = failures.length > 0;
    } catch (error) {
      steps.push({ label: step.label, failures: [`error: ${(error as Error).message}`] });
      failed = true;
    }
  }
  return { ...plan, passed: !failed, steps };
}
