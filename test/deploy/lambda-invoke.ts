import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const RUNTIME = fileURLToPath(new URL('./lambda-runtime.mjs', import.meta.url));

/** One Lambda execution environment of a bundled handler, in a process of its own. */
export interface LambdaProcess {
  /** Invokes the handler; resolves with its result, rejects with the error Lambda would report. */
  invoke(event: unknown): Promise<any>;
  /** stdout and stderr so far (the handler's JSON log lines, as CloudWatch would get them). */
  output: { text: string };
  /** Time from the process's spawn to its runtime being ready, in ms (the init phase). */
  initMs: number;
  close(): Promise<void>;
}

export interface StartLambdaOptions {
  /** Runs the runtime through this command (the bench: `taskset -c 0`). */
  wrapper?: string[];
  /** Node options before the runtime script (the bench's `--import` of its S3 stand-in). */
  execArgv?: string[];
  /** The clock `initMs` is read from (the bench passes `performance.now`); default none, 0. */
  clock?: () => number;
}

/**
 * Starts `lambda-runtime.mjs` on a bundle folder with exactly `env` (plus PATH), as Lambda starts
 * a function with its configured environment, and waits until the handler module is loaded.
 *
 * @example const alexa = await startLambda('deploy/build/alexa', { SHOPVOICE_STATE_URL: url }); await alexa.invoke(envelope);
 */
export async function startLambda(dir: string, env: Record<string, string>, options: StartLambdaOptions = {}): Promise<LambdaProcess> {
  const clock = options.clock ?? (() => 0);
  const started = clock();
  const [program, ...args] = [...(options.wrapper ?? []), process.execPath, ...(options.execArgv ?? []), RUNTIME, dir];
  const child: ChildProcess = spawn(program!, args, {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = { text: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
  const pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the Lambda process exited:\n${output.text}`));
    resolve();
  }));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the Lambda process exited with ${code} before it was ready:\n${output.text}`)));
  });
  const initMs = clock() - started;
  child.on('message', (message: { id: string; result?: unknown; errorType?: string; errorMessage?: string }) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (!waiter) return;
    if (message.errorMessage !== undefined) waiter.reject(Object.assign(new Error(message.errorMessage), { errorType: message.errorType }));
    else waiter.resolve(message.result);
  });
  return {
    output,
    initMs,
    invoke(event) {
      const id = randomUUID();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, event });
      });
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface HttpEventOptions {
  headers?: Record<string, string>;
  /** Sent base64-encoded, as API Gateway and function URLs do for a body they take for binary. */
  base64?: boolean;
  /** A fixed `requestContext.timeEpoch` (ms); the handler does not read it. */
  timeEpoch?: number;
}

function v2Event(kind: 'api' | 'url', path: string, body: string, o: HttpEventOptions): Record<string, unknown> {
  const requestId = kind === 'api' ? `${randomUUID().slice(0, 8)}=` : randomUUID();
  const domainName = kind === 'api' ? 'a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com' : 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-central-1.on.aws';
  // Both lower-case header names and join repeated ones with commas (payload format 2.0).
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    host: domainName,
    'user-agent': kind === 'api' ? 'Apache-HttpClient/UNAVAILABLE (Java/1.8.0_112)' : 'Google-Dialogflow',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(kind === 'api' ? { 'x-amzn-trace-id': 'Root=1-67891233-abcdef012345678912345678' } : {}),
  };
  for (const [name, value] of Object.entries(o.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    version: '2.0',
    routeKey: kind === 'api' ? `POST ${path}` : '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: kind === 'api' ? '123456789012' : 'anonymous',
      apiId: domainName.split('.')[0],
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: headers['user-agent'] },
      requestId,
      routeKey: kind === 'api' ? `POST ${path}` : '$default',
      stage: '$default',
      time: '22/Nov/2026:09:00:00 +0000',
      timeEpoch: o.timeEpoch ?? 1795338000000,
    },
    body: o.base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: o.base64 ?? false,
  };
}

/** An API Gateway HTTP API event, payload format 2.0, for `POST <path>`. */
export function httpApiEvent(path: string, body: string, o: HttpEventOptions = {}): Record<string, unknown> {
  return v2Event('api', path, body, o);
}

/** A Lambda function-URL event (payload format 2.0, route `$default`). */
export function functionUrlEvent(body: string, o: HttpEventOptions = {}): Record<string, unknown> {
  return v2Event('url', '/', body, o);
}
