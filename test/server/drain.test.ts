import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { intentRequest, TEST_SKILL_ID } from '../support/alexa-requests.js';
import { spoken } from '../support/test-server.js';
import { freePort } from '../support/free-port.js';

/** 10:00 in Berlin on Tuesday 24 November 2026: every demo store is open. */
const TUESDAY_MORNING = '2026-11-24T09:00:00Z';

/** Resolves when the child has printed `marker` on a line of its own. */
function waitForLine(child: ChildProcess, output: { text: string }, marker: string, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${marker}" within ${ms} ms:\n${output.text}`)), ms);
    const check = () => {
      if (output.text.split('\n').includes(marker)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    check();
  });
}

/** Resolves when the child's output contains `text`. */
function waitForText(child: ChildProcess, output: { text: string }, text: string, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${ms} ms:\n${output.text}`)), ms);
    const check = () => {
      if (output.text.includes(text)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    check();
  });
}

describe('SIGTERM drains in-flight requests and closes the databases', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-drain-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('a request held by a slow shop is answered after SIGTERM, new connections are refused, exit 0, WAL gone', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/slow-serve.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        SHOPVOICE_DATA_DIR: dataDir,
        SHOPVOICE_ALEXA_VERIFY: 'false',
        SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID,
        SHOPVOICE_GOOGLE_AUTH: 'off',
        SHOPVOICE_SHOP_TIMEOUT_MS: '5000',
        SHOPVOICE_LOG_LEVEL: 'info',
        SLOW_SHOP_MS: '1500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { text: '' };
    child.stdout!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitForLine(child, output, 'LISTENING');
      assert.ok(existsSync(join(dataDir, 'state.sqlite-wal')), 'the state store runs in WAL mode while serving');

      const url = `http://127.0.0.1:${port}`;
      const inFlight = fetch(`${url}/alexa`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Unverified requests are answered at their own timestamp: a Tuesday morning, whatever the day.
        body: JSON.stringify(intentRequest('StoreHoursIntent', { locale: 'de-DE', timestamp: TUESDAY_MORNING }, ['day', 'store'])),
      });
      await waitForLine(child, output, 'SLOW-CALL');
      child.kill('SIGTERM');
      // The drain has begun (the listener is closed right after this line is written): no sleep.
      await waitForText(child, output, '"msg":"draining in-flight requests"');
      await assert.rejects(fetch(`${url}/healthz`), 'a draining server accepts no new connections');

      const res = await inFlight;
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('connection'), 'close', 'the keep-alive connection is closed after the answer');
      const body = (await res.json()) as { response: { outputSpeech: { ssml: string } } };
      assert.match(spoken(body.response.outputSpeech.ssml), /hat gerade geöffnet/);
      const drainAt = output.text.indexOf('"msg":"draining in-flight requests"');
      assert.ok(drainAt >= 0 && drainAt < output.text.indexOf('SLOW-DONE\n'), 'the answer really was in flight at SIGTERM: the shop answered after the drain began');

      assert.equal(await exited, 0, output.text);
      assert.match(output.text, /draining in-flight requests/);
      assert.match(output.text, /"msg":"stopped"/);
      for (const file of ['state.sqlite', 'shop.sqlite']) {
        assert.equal(existsSync(join(dataDir, `${file}-wal`)) && statSync(join(dataDir, `${file}-wal`)).size > 0, false, `${file}: WAL checkpointed and removed`);
        const db = new BetterSqlite3(join(dataDir, file), { readonly: true });
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
        db.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
