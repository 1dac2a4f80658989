import { readFile } from 'node:fs/promises';
import { UPLOAD_ENV, type UploadConfig } from '../../config.js';
import { parseServiceAccountKey, type ServiceAccountKey } from './google-token.js';
import type { LwaCredentials } from './lwa-token.js';

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

/**
 * Alexa upload settings from flags and the configuration. `SHOPVOICE_ALEXA_SKILL_ID` may list
 * several ids for the request verifier; the upload then needs `--skill-id`.
 */
export function alexaSettings(flags: { skillId?: string; smapiUrl?: string; lwaUrl?: string }, config: UploadConfig['alexa']): Settings<AlexaSettings> {
  const { skillIds: ids, lwaClientId: clientId, lwaClientSecret: clientSecret, lwaRefreshToken: refreshToken } = config;
  const skillId = flags.skillId ?? (ids.length === 1 ? ids[0] : undefined);
  const missing: string[] = [
    ...(clientId ? [] : [UPLOAD_ENV.lwaClientId]),
    ...(clientSecret ? [] : [UPLOAD_ENV.lwaClientSecret]),
    ...(refreshToken ? [] : [UPLOAD_ENV.lwaRefreshToken]),
  ];
  if (!skillId) missing.push(ids.length > 1 ? `--skill-id (${UPLOAD_ENV.skillId} lists several)` : `${UPLOAD_ENV.skillId} (or --skill-id)`);
  if (!clientId || !clientSecret || !refreshToken || !skillId) return { ok: false, missing };
  const smapiUrl = flags.smapiUrl ?? config.smapiUrl;
  const lwaUrl = flags.lwaUrl ?? config.lwaUrl;
  return {
    ok: true,
    value: {
      skillId,
      credentials: { clientId, clientSecret, refreshToken },
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
  config: UploadConfig['dialogflow'],
): Promise<Settings<DialogflowSettings>> {
  const keyFile = flags.keyFile ?? config.keyFile;
  if (!keyFile) return { ok: false, missing: [`${UPLOAD_ENV.keyFile} (or ${UPLOAD_ENV.googleCredentials}, or --key-file)`] };
  const text = await readFile(keyFile, 'utf8').catch(() => undefined);
  if (text === undefined) return { ok: false, missing: [`a readable key file (${keyFile} cannot be read)`] };
  const key = parseServiceAccountKey(text, keyFile);
  const project = flags.project ?? config.project ?? key.project_id;
  if (!project) return { ok: false, missing: [`${UPLOAD_ENV.project} (or --project; the key has no project_id)`] };
  const apiUrl = flags.apiUrl ?? config.apiUrl;
  const tokenUrl = flags.tokenUrl ?? config.tokenUrl;
  return { ok: true, value: { key, project, ...(apiUrl ? { apiUrl } : {}), ...(tokenUrl ? { tokenUrl } : {}) } };
}
