import type { AutocannonRequest } from 'autocannon';
import { sendOnce } from './http-once.js';
import { spawnPinned, stopChild } from './server-process.js';

/** One cold start: spawn to the first 2xx answer on `request.path`. */
export interface ColdStartOptions {
  command: string[];
  env: Record<string, string>;
  cwd: string;
  logFile: string;
  baseUrl: string;
  /** Built just before the process is spawned (a signed Alexa request must be fresh). */
  request: () => AutocannonRequest;
  /** Answers that count as success; default any 2xx. */
  accept?: (status: number, body: string) => boolean;
  timeoutMs?: number;
}

/** Milliseconds and the answer's status of one measured start. */
export interface ColdStart {
  ms: number;
  status: number;
}

/**
 * Spawns the server (pinned to the server core) and sends the request on a fresh connection again
 * and again, 1 ms apart while the port is closed, until an answer that counts comes back; the
 * clock runs from just before spawn to the end of that answer. The process is stopped after.
 */
export async function measureColdStart(options: ColdStartOptions): Promise<ColdStart> {
  const req = options.request();
  const accept = options.accept ?? ((status) => status >= 200 && status < 300);
  const started = performance.now();
  const child = spawnPinned(options);
  const deadline = started + (options.timeoutMs ?? 30_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during a cold start`);
      try {
        const answer = await sendOnce(options.baseUrl, req);
        if (accept(answer.status, answer.body)) return { ms: performance.now() - started, status: answer.status };
        throw new Error(`cold start: first answer was ${answer.status} ${answer.body.slice(0, 200)}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED' && (error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
      }
      if (performance.now() > deadline) throw new Error('cold start: no answer in time');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    await stopChild(child);
  }
}
