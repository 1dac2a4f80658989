import { readFile } from 'node:fs/promises';
import { parseServiceAccountKey, type ServiceAccountKey } from './google-token.js';
import type { LwaCredentials } from './lwa-token.js';

type Env = Record<string, string | undefined>;

/** The environment variables `models upload` reads, by platform, for messages and the README. */
export const UPLOAD_ENV = {
  alexa: ['SHOPVOICE_LWA_CLIENT_ID', 'SHOPVOICE_LWA_CLIENT_SECRET', 'SHOPVOICE_LWA_REFRESH_TOKEN', 'SHOPVOICE_ALEXA_SKILL_ID'],
  dialogflow: ['SHOPVOICE_DIALOGFLOW_KEY_FILE'],
} as const;

export interface AlexaSettings {
  skillId: string;
  credentials: LwaCredentials;
  smapiUrl?: string;
  lwaUrl?: string;
}

export interface DialogflowSettings {
  key: ServiceAccountKey;
  project: string;
  apiUrl?: string;
  tokenUrl?: string;
}

/** Either the settings, or the names of what is missing (so the message can list them). */
export type Settings<T> = { ok: true; value: T } | { ok: false; missing: string[] };

const value = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

/**
 * Alexa upload settings from flags and environment. `SHOPVOICE_ALEXA_SKILL_ID` may list several
 * ids for the request verifier; the upload then needs `--skill-id`.
 */
export function alexaSettings(flags: { skillId?: string; smapiUrl?: string; lwaUrl?: string }, env: Env): Settings<AlexaSettings> {
  const ids = (value(env, 'SHOPVOICE_ALEXA_SKILL_ID') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const skillId = flags.skillId ?? (ids.length === 1 ? ids[0] : undefined);
  const missing = ['SHOPVOICE_LWA_CLIENT_ID', 'SHOPVOICE_LWA_CLIENT_SECRET', 'SHOPVOICE_LWA_REFRESH_TOKEN'].filter((n) => !value(env, n));
  if (!skillId) missing.push(ids.length > 1 ? '--skill-id (SHOPVOICE_ALEXA_SKILL_ID lists several)' : 'SHOPVOICE_ALEXA_SKILL_ID (or --skill-id)');
  if (missing.length > 0) return { ok: false, missing };
  const smapiUrl = flags.smapiUrl ?? value(env, 'SHOPVOICE_SMAPI_URL');
  const lwaUrl = flags.lwaUrl ?? value(env, 'SHOPVOICE_LWA_URL');
  return {
    ok: true,
    value: {
      skillId: skillId!,
      credentials: {
        clientId: value(env, 'SHOPVOICE_LWA_CLIENT_ID')!,
        clientSecret: value(env, 'SHOPVOICE_LWA_CLIENT_SECRET')!,
        refreshToken: value(env, 'SHOPVOICE_LWA_REFRESH_TOKEN')!,
      },
      ...(smapiUrl ? { smapiUrl } : {}),
      ...(lwaUrl ? { lwaUrl } : {}),
    },
  };
}

/**
 * Dialogflow upload settings: the service-account key file (`--key-file`,
 * `SHOPVOICE_DIALOGFLOW_KEY_FILE` or `GOOGLE_APPLICATION_CREDENTIALS`) and the project
 * (`--project`, `SHOPVOICE_DIALOGFLOW_PROJECT`, else the key's `project_id`).
 */
export async function dialogflowSettings(
  flags: { keyFile?: string; project?: string; apiUrl?: string; tokenUrl?: string },
  env: Env,
): Promise<Settings<DialogflowSettings>> {
  const keyFile = flags.keyFile ?? value(env, 'SHOPVOICE_DIALOGFLOW_KEY_FILE') ?? value(env, 'GOOGLE_APPLICATION_CREDENTIALS');
  if (!keyFile) return { ok: false, missing: ['SHOPVOICE_DIALOGFLOW_KEY_FILE (or GOOGLE_APPLICATION_CREDENTIALS, or --key-file)'] };
  const text = await readFile(keyFile, 'utf8').catch(() => undefined);
  if (text === undefined) return { ok: false, missing: [`a readable key file (${keyFile} cannot be read)`] };
  const key = parseServiceAccountKey(text, keyFile);
  const project = flags.project ?? value(env, 'SHOPVOICE_DIALOGFLOW_PROJECT') ?? key.project_id;
  if (!project) return { ok: false, missing: ['SHOPVOICE_DIALOGFLOW_PROJECT (or --project; the key has no project_id)'] };
  const apiUrl = flags.apiUrl ?? value(env, 'SHOPVOICE_DIALOGFLOW_URL');
  const tokenUrl = flags.tokenUrl ?? value(env, 'SHOPVOICE_GOOGLE_TOKEN_URL');
  return { ok: true, value: { key, project, ...(apiUrl ? { apiUrl } : {}), ...(tokenUrl ? { tokenUrl } : {}) } };
}
