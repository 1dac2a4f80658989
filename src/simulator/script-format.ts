import { parse } from 'yaml';
import type { Platform } from '../domain/turn.js';
import type { SlotInput } from './explicit-slots.js';
import type { TurnInput } from './platform-conversation.js';
import { readExpectation, ScriptError, type Expectation } from './script-expectations.js';

export { ScriptError };

/**
 * A conversation script (test/conversations/*.yaml): who talks to the skill, when, in which
 * locales and on which platforms, and what each turn must yield. The same script runs on Alexa
 * and on Google; `expect.alexa` / `expect.google` add platform-specific expectations.
 */
export interface ConversationScript {
  name: string;
  file: string;
  description?: string;
  locales: string[];
  platforms: Platform[];
  /** Reference instant (ISO 8601) for the skill's clock and for dates and times. */
  clock?: string;
  timeZone?: string;
  account?: string;
  /**
   * The purchase code (four digits) the account's customer has set: the merchant asks for it
   * before any order (issue 17). In process only; a server keeps its own codes.
   */
  purchaseCode?: string;
  /** Dialogflow: the caller is on the phone gateway (`GOOGLE_TELEPHONY`) with this caller id. */
  telephony?: string;
  /** Alexa: `profile: { mobileNumber }`, the customer granted the mobile-number permission (Customer Profile API). */
  profileMobile?: string;
  interfaces: Record<string, unknown>;
  steps: ScriptStep[];
}

export interface ScriptStep {
  /** Line-ish label for messages: "step 3". */
  label: string;
  /** In process: the demo shop's prices (product id → cents) change before this turn is said (issue 17). */
  shopPrices?: Record<string, number>;
  input: TurnInput;
  /** Per-turn settings; they stay for the following turns. `account: null` unlinks. */
  clock?: string;
  account?: string | null;
  interfaces?: Record<string, unknown>;
  /** Run this step only on these platforms. */
  platforms?: Platform[];
  expect: Expectation;
  expectFor: Partial<Record<Platform, Expectation>>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const PLATFORMS: readonly Platform[] = ['alexa', 'google'];
const SCRIPT_KEYS = ['name', 'description', 'locale', 'locales', 'platform', 'platforms', 'clock', 'timeZone', 'account', 'purchaseCode', 'telephony', 'profile', 'device', 'steps'];
const STEP_KEYS = ['say', 'intent', 'slots', 'confirmation', 'launch', 'sessionEnded', 'clock', 'account', 'device', 'platforms', 'shopPrices', 'expect'];
const END_REASONS = ['USER_INITIATED', 'ERROR', 'EXCEEDED_MAX_REPROMPTS'] as const;

function list(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  if (!items.every((v) => typeof v === 'string')) throw new ScriptError(`${where}: expected a name or a list of names`);
  return items as string[];
}

function platforms(value: unknown, where: string): Platform[] {
  const names = list(value, where);
  for (const n of names) if (!PLATFORMS.includes(n as Platform)) throw new ScriptError(`${where}: unknown platform "${n}" (alexa or google)`);
  return names as Platform[];
}

function unknownKeys(obj: Obj, allowed: string[], where: string): void {
  const extra = Object.keys(obj).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new ScriptError(`${where}: unknown key${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed.join(', ')})`);
}

/** `device: { apl: true }` or `device: { interfaces: {...} }` → Alexa's `supportedInterfaces`. */
function interfacesOf(device: unknown, where: string): Record<string, unknown> | undefined {
  if (device === undefined) return undefined;
  if (!isObj(device)) throw new ScriptError(`${where}: device must be a map like { apl: true }`);
  const out: Record<string, unknown> = {};
  if (device.apl === true) out['Alexa.Presentation.APL'] = { runtime: { maxVersion: '2024.2' } };
  if (isObj(device.interfaces)) Object.assign(out, device.interfaces);
  return out;
}

function readInput(step: Obj, where: string): TurnInput {
  const kinds = ['say', 'intent', 'launch', 'sessionEnded'].filter((k) => step[k] !== undefined);
  if (kinds.length !== 1) throw new ScriptError(`${where}: give exactly one of say, intent, launch, sessionEnded`);
  if (typeof step.say === 'string') return { utterance: step.say };
  if (step.say !== undefined) throw new ScriptError(`${where}: say must be text`);
  if (step.launch !== undefined) return { launch: true };
  if (step.sessionEnded !== undefined) {
    const reason = step.sessionEnded === true ? 'USER_INITIATED' : step.sessionEnded;
    if (!END_REASONS.includes(reason as (typeof END_REASONS)[number])) throw new ScriptError(`${where}: sessionEnded is one of ${END_REASONS.join(', ')}`);
    return { sessionEnded: reason as (typeof END_REASONS)[number] };
  }
  if (typeof step.intent !== 'string') throw new ScriptError(`${where}: intent must be an intent name`);
  if (step.slots !== undefined && !isObj(step.slots)) throw new ScriptError(`${where}: slots must be a map of slot name to value`);
  const confirmation = step.confirmation;
  if (confirmation !== undefined && !['NONE', 'CONFIRMED', 'DENIED'].includes(String(confirmation))) throw new ScriptError(`${where}: confirmation is NONE, CONFIRMED or DENIED`);
  return {
    intent: step.intent,
    slots: (step.slots ?? {}) as Record<string, SlotInput | null>,
    ...(confirmation ? { confirmationStatus: confirmation as 'NONE' | 'CONFIRMED' | 'DENIED' } : {}),
  };
}

function readStep(raw: unknown, index: number, file: string): ScriptStep {
  const label = `step ${index + 1}`;
  const where = `${file}: ${label}`;
  if (!isObj(raw)) throw new ScriptError(`${where}: a step is a map (say: …, expect: …)`);
  unknownKeys(raw, STEP_KEYS, where);
  const expectRaw = raw.expect ?? {};
  if (!isObj(expectRaw)) throw new ScriptError(`${where}: expect must be a map`);
  const { alexa, google, ...common } = expectRaw;
  const expectFor: Partial<Record<Platform, Expectation>> = {};
  if (alexa !== undefined) expectFor.alexa = readExpectation(alexa, `${where}: expect.alexa`);
  if (google !== undefined) expectFor.google = readExpectation(google, `${where}: expect.google`);
  const interfaces = interfacesOf(raw.device, where);
  if (raw.account !== undefined && raw.account !== null && typeof raw.account !== 'string') throw new ScriptError(`${where}: account is a token or null`);
  if (raw.shopPrices !== undefined && (!isObj(raw.shopPrices) || !Object.values(raw.shopPrices).every((v) => Number.isSafeInteger(v) && (v as number) >= 0))) {
    throw new ScriptError(`${where}: shopPrices maps product ids to whole cents ({ P-1001: 199 })`);
  }
  return {
    label,
    ...(raw.shopPrices !== undefined ? { shopPrices: raw.shopPrices as Record<string, number> } : {}),
    input: readInput(raw, where),
    ...(typeof raw.clock === 'string' ? { clock: raw.clock } : {}),
    ...(raw.account !== undefined ? { account: raw.account as string | null } : {}),
    ...(interfaces ? { interfaces } : {}),
    ...(raw.platforms !== undefined ? { platforms: platforms(raw.platforms, where) } : {}),
    expect: readExpectation(common, `${where}: expect`),
    expectFor,
  };
}

function profileMobileOf(profile: unknown, file: string): { profileMobile?: string } {
  if (profile === undefined) return {};
  if (!isObj(profile) || typeof profile.mobileNumber !== 'string' || !/^\+?[\d ]{3,30}$/.test(profile.mobileNumber)) {
    throw new ScriptError(`${file}: profile must be { mobileNumber: "+49 170 5550123" }`);
  }
  return { profileMobile: profile.mobileNumber };
}

/**
 * Reads and checks one script. Mistakes (an unknown key, a bare string where `exact:`,
 * `contains:` or `regex:` must be said) are errors naming the file and step.
 *
 * @example parseScript(await readFile(file, 'utf8'), file).steps.length
 */
export function parseScript(text: string, file: string): ConversationScript {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new ScriptError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isObj(doc)) throw new ScriptError(`${file}: a script is a map with steps`);
  unknownKeys(doc, SCRIPT_KEYS, file);
  const locales = [...list(doc.locale, `${file}: locale`), ...list(doc.locales, `${file}: locales`)];
  if (locales.length === 0) throw new ScriptError(`${file}: name the locale(s): locales: [de-DE]`);
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) throw new ScriptError(`${file}: steps must be a non-empty list`);
  const chosen = [...platforms(doc.platform, `${file}: platform`), ...platforms(doc.platforms, `${file}: platforms`)];
  if (doc.clock !== undefined && typeof doc.clock !== 'string') throw new ScriptError(`${file}: clock must be an ISO 8601 text (quote it)`);
  if (doc.purchaseCode !== undefined && (typeof doc.purchaseCode !== 'string' || !/^\d{4}$/.test(doc.purchaseCode) || typeof doc.account !== 'string')) {
    throw new ScriptError(`${file}: purchaseCode is four digits in quotes ("4711"), beside an account`);
  }
  return {
    name: typeof doc.name === 'string' ? doc.name : file.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
    file,
    ...(typeof doc.description === 'string' ? { description: doc.description } : {}),
    locales,
    platforms: chosen.length > 0 ? chosen : [...PLATFORMS],
    ...(typeof doc.clock === 'string' ? { clock: doc.clock } : {}),
    ...(typeof doc.timeZone === 'string' ? { timeZone: doc.timeZone } : {}),
    ...(typeof doc.account === 'string' ? { account: doc.account } : {}),
    ...(typeof doc.purchaseCode === 'string' ? { purchaseCode: doc.purchaseCode } : {}),
    ...(typeof doc.telephony === 'string' ? { telephony: doc.telephony } : {}),
    ...(profileMobileOf(doc.profile, file)),
    interfaces: interfacesOf(doc.device, file) ?? {},
    steps: doc.steps.map((s, i) => readStep(s, i, file)),
  };
}
