import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The core the server under test runs on; the runner and autocannon take the other one. */
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

/** A server started in a child process pinned to {@link SERVER_CPU}. */
export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** Resident set size now, in MiB (from /proc). */
  rssMiB(): number;
  /** What the process wrote so far (for error messages). */
  output(): string;
  /** How the process ended, if it has: `code 1`, `signal SIGKILL`. */
  exited(): string | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** Program and arguments; run through `taskset -c 0`. */
  command: string[];
  env: Record<string, string>;
  port: number;
  cwd: string;
  /** Where the server's stdout and stderr go: a file, not a pipe the load core would have to drain. */
  logFile: string;
  /** Give up after this long without an open port. */
  timeoutMs?: number;
  /** The core to pin it to (default {@link SERVER_CPU}). */
  cpu?: string;
}

/** Spawns the command pinned to the server core, output appended to `logFile`; nothing is waited for. */
export function spawnPinned(options: Pick<StartOptions, 'command' | 'env' | 'cwd' | 'logFile' | 'cpu'>): ChildProcess {
  const fd = openSync(options.logFile, 'a');
  try {
    return spawn('taskset', ['-c', options.cpu ?? SERVER_CPU, ...options.command], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
}

/** The last few KiB of a log file. */
export function tail(file: string, bytes = 4_000): string {
  try {
    return readFileSync(file, 'utf8').slice(-bytes);
  } catch {
    return '';
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resident set size of a process, in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited within 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a server pinned to the server core and resolves once its port accepts connections.
 * Output goes to the log file, so a server that dies can say why.
 */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const child = spawnPinned(options);
  const output = () => tail(options.logFile);
  let ended: string | undefined;
  child.once('exit', (code, signal) => (ended = signal ? `signal ${signal}` : `code ${code}`));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!(await portOpen(options.port))) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`${options.name} did not open port ${options.port}:\n${output()}`);
    }
    await sleep(20);
  }
  const pid = child.pid!;
  return {
    name: options.name,
    pid,
    url: `http://127.0.0.1:${options.port}`,
    rssMiB: () => rssMiB(pid),
    output,
    exited: () => ended,
    stop: () => stopChild(child),
  };
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A helper process of the run that picks its own port and says where it listens. */
export interface HelperProcess {
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a helper (a stand-in for an outside service) and resolves with the URL it prints: the
 * first match of `announce` (group 1) in its output.
 */
export async function startHelper(options: Omit<StartOptions, 'port'> & { announce: RegExp }): Promise<HelperProcess> {
  const child = spawnPinned(options);
  const output = () => tail(options.logFile);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const url = options.announce.exec(output())?.[1];
    if (url) return { url, output, stop: () => stopChild(child) };
    if (child.exitCode !== null) throw new Error(`${options.name} exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`${options.name} did not say where it listens:\n${output()}`);
    }
    await sleep(20);
  }
}
