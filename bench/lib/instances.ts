import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { intentRequest } from '../../test/support/alexa-requests.js';
import { createTestDatabase } from '../../test/support/postgres-database.js';
import { signedAlexaRequest } from './alexa-requests.js';
import { cpuSnapshot } from './cpu.js';
import { sendOnce } from './http-once.js';
import { runLoad, type LoadResult } from './load.js';
import type { RequestPool } from './request-pool.js';
import { freePort, startServer, type ServerProcess } from './server-process.js';
import type { ShopvoiceSite } from './shopvoice-run.js';
import { shopvoiceCommand, shopvoiceEnv } from './shopvoice-setup.js';
import { median } from './stats.js';

/** One side of the comparison, over its measured rounds (medians). */
export interface InstancesSide {
  label: string;
  instances: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU of all its shopvoice processes per answered request, µs. */
  serverUsPerRequest: number;
  /** CPU of every `postgres` process of the machine per answered request, µs (other sessions' queries included). */
  postgresUsPerRequest: number;
  rounds: Array<{ rps: number; serverUsPerRequest: number; postgresUsPerRequest: number }>;
}

export interface InstancesFigures {
  scenario: string;
  connections: number;
  sqlite: InstancesSide;
  postgres: InstancesSide;
}

const TICKS = 100;

/** CPU seconds used so far by every process named `postgres` (the server and its backends). */
function postgresSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / TICKS;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/**
 * Signed reorder read-backs of a linked customer, each in a new session: every turn asks the
 * state store for the customer's unfinished placements (domain/reorder.ts) and records a turn
 * event there, and quotes the basket from the shop. Nothing is placed.
 */
function readBackPool(site: ShopvoiceSite, size: number): RequestPool {
  const { leafKey, certUrl, skillId } = site.certs.signing;
  const build = () => Array.from({ length: size }, () => {
    const body = intentRequest('ReorderIntent', {
      locale: 'de-DE',
      skillId,
      accessToken: 'demo-token-anna',
      userId: `amzn1.ask.account.BENCH${randomUUID().replace(/-/g, '').toUpperCase()}`,
      isNew: true,
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    return signedAlexaRequest(body, leafKey, certUrl);
  });
  let requests = build();
  return { current: () => requests, refresh: () => { requests = build(); } };
}

interface Round {
  load: LoadResult;
  serverUsPerRequest: number;
  postgresUsPerRequest: number;
}

/** Drives `servers` at once, the connections split evenly, and reads their CPU and PostgreSQL's. */
async function round(servers: ServerProcess[], pool: RequestPool, connections: number, durationSec: number): Promise<Round> {
  pool.refresh?.();
  const before = servers.map((s) => cpuSnapshot(s.pid).server);
  const pgBefore = postgresSeconds();
  const loads = await Promise.all(servers.map((s) => runLoad({ url: s.url, pool, connections: Math.max(1, Math.round(connections / servers.length)), durationSec })));
  const serverSeconds = servers.reduce((sum, s, i) => sum + cpuSnapshot(s.pid).server - before[i]!, 0);
  const pgSeconds = postgresSeconds() - pgBefore;
  const requests = loads.reduce((n, l) => n + l.requests, 0);
  const load: LoadResult = {
    rps: loads.reduce((n, l) => n + l.rps, 0),
    p50: Math.max(...loads.map((l) => l.p50)),
    p99: Math.max(...loads.map((l) => l.p99)),
    max: Math.max(...loads.map((l) => l.max)),
    requests,
    non2xx: loads.reduce((n, l) => n + l.non2xx, 0),
    errors: loads.reduce((n, l) => n + l.errors, 0),
    timeouts: loads.reduce((n, l) => n + l.timeouts, 0),
    statusCodes: {},
  };
  return { load, serverUsPerRequest: (serverSeconds * 1e6) / Math.max(1, requests), postgresUsPerRequest: (pgSeconds * 1e6) / Math.max(1, requests) };
}

function side(label: string, instances: number, rounds: Round[]): InstancesSide {
  const byRps = [...rounds].sort((a, b) => a.load.rps - b.load.rps);
  const middle = byRps[(byRps.length - 1) >> 1]!;
  return {
    label,
    instances,
    rps: median(rounds.map((r) => r.load.rps)),
    p50: middle.load.p50,
    p99: middle.load.p99,
    errors: rounds.reduce((n, r) => n + r.load.non2xx + r.load.errors, 0),
    serverUsPerRequest: median(rounds.map((r) => r.serverUsPerRequest)),
    postgresUsPerRequest: median(rounds.map((r) => r.postgresUsPerRequest)),
    rounds: rounds.map((r) => ({ rps: r.load.rps, serverUsPerRequest: r.serverUsPerRequest, postgresUsPerRequest: r.postgresUsPerRequest })),
  };
}

/**
 * Two `shopvoice serve` on one PostgreSQL state database (one shop, one seal key, as behind a
 * load balancer) against one on its SQLite state file, all pinned to the server core, each side
 * driven with the same signed reorder read-backs and the same number of connections in total
 * (split evenly over the two PostgreSQL instances); the sides take turns, round by round.
 */
export async function instancesScenario(
  site: ShopvoiceSite,
  size: { warmupSec: number; durationSec: number; connections: number },
  rounds: number,
  log: (line: string) => void,
): Promise<InstancesFigures> {
  const db = await createTestDatabase();
  const keys = `bench:${randomUUID()}${randomUUID()}`;
  const started: ServerProcess[] = [];
  const start = async (name: string, dataDir: string, extra: Record<string, string>) => {
    const port = await freePort();
    const server = await startServer({
      name,
      command: shopvoiceCommand(site.repoRoot),
      env: { ...shopvoiceEnv(site.certs, port, dataDir), SHOPVOICE_STATE_KEYS: keys, ...extra },
      port,
      cwd: site.repoRoot,
      logFile: join(site.workDir, `${name}.log`),
    });
    started.push(server);
    return server;
  };
  try {
    log('starting two shopvoice servers on one PostgreSQL database and one on SQLite ...');
    const sharedShop = join(site.workDir, 'instances-shop');
    const pgServers = [
      await start('shopvoice-pg-1', sharedShop, { SHOPVOICE_STATE_URL: db.url }),
      await start('shopvoice-pg-2', sharedShop, { SHOPVOICE_STATE_URL: db.url }),
    ];
    const sqliteServer = await start('shopvoice-sqlite', join(site.workDir, 'instances-sqlite'), {});
    const pool = readBackPool(site, 16);
    const sides = [
      { label: `1 instance, SQLite state`, servers: [sqliteServer], rounds: [] as Round[] },
      { label: `2 instances, one PostgreSQL state database`, servers: pgServers, rounds: [] as Round[] },
    ];
    for (const s of sides) {
      for (const server of s.servers) {
        const first = await sendOnce(server.url, pool.current()[0]!);
        if (first.status !== 200 || !first.body.includes('bestellen?')) throw new Error(`${server.name}: the read-back answered ${first.status} ${first.body.slice(0, 300)}\n${server.output()}`);
      }
      await round(s.servers, pool, size.connections, size.warmupSec);
    }
    for (let r = 1; r <= rounds; r++) {
      log(`instances round ${r} of ${rounds}: reorder read-backs, ${size.durationSec} s per side ...`);
      for (const s of sides) s.rounds.push(await round(s.servers, pool, size.connections, size.durationSec));
    }
    return {
      scenario: '/alexa ReorderIntent read-back (linked customer, signed, verification on)',
      connections: size.connections,
      sqlite: side(sides[0]!.label, 1, sides[0]!.rounds),
      postgres: side(sides[1]!.label, 2, sides[1]!.rounds),
    };
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    await db.drop();
  }
}

/** The report's lines for the instances scenario. */
export function describeInstances(figures: InstancesFigures): string[] {
  const line = (s: InstancesSide) =>
    `| ${s.label} | ${Math.round(s.rps).toLocaleString('en')} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.errors} | ${Math.round(s.serverUsPerRequest)} | ${Math.round(s.postgresUsPerRequest)} |`;
  return [
    '',
    `Two instances on PostgreSQL against one on SQLite: ${figures.scenario}, ${figures.connections} connections in total, servers on core 0:`,
    '',
    '| side | req/s | p50 ms | p99 ms | errors | shopvoice cpu µs/req | postgres cpu µs/req |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    line(figures.sqlite),
    line(figures.postgres),
  ];
}
