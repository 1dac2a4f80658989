import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc (USER_HZ; 100 on Linux). */
const TICKS = 100;

/** CPU seconds used so far: the whole machine (busy, all cores), the server, this runner. */
export interface CpuSnapshot {
  machine: number;
  server: number;
  runner: number;
}

function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS;
}

function processSeconds(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Reads the counters now. */
export function cpuSnapshot(serverPid: number): CpuSnapshot {
  return { machine: machineBusySeconds(), server: processSeconds(serverPid), runner: processSeconds('self') };
}

/** How the CPU was used between two snapshots. */
export interface CpuUse {
  /** Server CPU time per answered request, µs: comparable even when the machine was busy. */
  serverUsPerRequest: number;
  /** Cores' worth of CPU used by processes other than the server and this runner (noise). */
  otherCores: number;
}

/** The server's CPU per request, and how busy everything else on the machine was meanwhile. */
export function cpuUse(before: CpuSnapshot, after: CpuSnapshot, seconds: number, requests: number): CpuUse {
  const server = after.server - before.server;
  const other = after.machine - before.machine - server - (after.runner - before.runner);
  return { serverUsPerRequest: (server * 1e6) / Math.max(1, requests), otherCores: Math.max(0, other) / seconds };
}
