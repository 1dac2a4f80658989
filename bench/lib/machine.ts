import { execFileSync } from 'node:child_process';
import { cpus, release } from 'node:os';
import { readFileSync } from 'node:fs';
import { LOAD_CPU } from './server-process.js';

/** What the figures were measured on. */
export function machineInfo(repoRoot: string): Record<string, string | number> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain']) !== '';
  return {
    // `nproc` alone would count the cores this (pinned) process may use: one.
    nproc: Number(execFileSync('nproc', ['--all'], { encoding: 'utf8' }).trim()),
    cpu: model,
    node: process.version,
    kernel: release(),
    commit: commit ? `${commit}${dirty ? ' (uncommitted changes)' : ''}` : 'unknown',
  };
}

/**
 * Pins this process (every thread, autocannon included) to the load core, so that the load
 * generator never competes with the server under test.
 */
export function pinToLoadCore(): void {
  try {
    execFileSync('taskset', ['-a', '-cp', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });
  } catch (cause) {
    throw new Error('the bench needs two cores and `taskset` (util-linux): servers run on core 0, the load on core 1', { cause });
  }
}
