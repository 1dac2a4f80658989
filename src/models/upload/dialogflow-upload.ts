import { googleAccessToken, type ServiceAccountKey } from './google-token.js';
import { UploadError, bearerFetch, jsonBody, realSleep, type RetryOptions } from './http-retry.js';

export const DIALOGFLOW_BASE_URL = 'https://dialogflow.googleapis.com';

export interface DialogflowUploadOptions extends RetryOptions {
  project: string;
  key: ServiceAccountKey;
  /** The agent zip (`zipAgent`). */
  zip: Buffer;
  apiUrl?: string;
  tokenUrl?: string;
  pollMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

export interface RestoreResult {
  operation: string;
  status: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';
  message?: string;
}

function googleMessage(json: Record<string, unknown>): string {
  const error = json.error as { message?: string; status?: string } | undefined;
  return error ? [error.status, error.message].filter(Boolean).join(': ') : String(json.message ?? '');
}

/**
 * Restores the agent zip into the project (`POST /v2/projects/{project}/agent:restore` with
 * `agentContent`, base64) and polls the long-running operation (`GET /v2/{name}`) until it is
 * done. Restore replaces every intent and entity of the agent; Dialogflow trains it afterwards.
 *
 * @example await uploadDialogflowAgent({ project: 'my-shop', key, zip })
 */
export async function uploadDialogflowAgent(options: DialogflowUploadOptions): Promise<RestoreResult> {
  const api = options.apiUrl ?? DIALOGFLOW_BASE_URL;
  const log = options.log ?? (() => {});
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const call = await bearerFetch(() => googleAccessToken(options.key, options), 'Dialogflow', options);

  const restore = await call(`${api}/v2/projects/${encodeURIComponent(options.project)}/agent:restore`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ agentContent: options.zip.toString('base64') }),
  });
  let operation = await jsonBody(restore);
  if (restore.status !== 200 || typeof operation.name !== 'string') {
    throw new UploadError(`Dialogflow refused the restore with ${restore.status}: ${googleMessage(operation)}`, restore.status);
  }
  const name = operation.name;
  log(`  restore started: ${name}`);
  const deadline = now() + (options.timeoutMs ?? 300_000);
  while (operation.done !== true) {
    if (now() >= deadline) return { operation: name, status: 'IN_PROGRESS', message: 'still restoring when the wait ended' };
    await sleep(options.pollMs ?? 2_000);
    const poll = await call(`${api}/v2/${name}`, { method: 'GET', headers: { Accept: 'application/json' } });
    operation = await jsonBody(poll);
    if (poll.status !== 200) throw new UploadError(`Dialogflow operation ${name} answered ${poll.status}: ${googleMessage(operation)}`, poll.status);
  }
  if (operation.error) return { operation: name, status: 'FAILED', message: googleMessage({ error: operation.error }) };
  return { operation: name, status: 'SUCCEEDED' };
}
