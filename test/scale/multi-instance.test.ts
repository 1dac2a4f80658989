// Three shopvoice processes behind an imaginary load balancer: one shared shop (the data folder,
// standing in for the merchant's external shop), one shared PostgreSQL state database, one shared
// seal key. Turns of one conversation land on different instances, as they do in production; the
// conversation state travels with the platform, the exactly-once claims live in PostgreSQL.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { intentRequest, TEST_SKILL_ID, type AlexaRequestOptions } from '../support/alexa-requests.js';
import { createTestDatabase } from '../support/postgres-database.js';
import { spoken } from '../support/test-server.js';
import { freePort } from '../support/free-port.js';

/** Sunday 22 November 2026, 10:00 in Berlin: every turn is pinned to it (unverified requests use their timestamp). */
const CLOCK = '2026-11-22T09:00:00Z';
const ANNA = 'demo-token-anna';
const USER = 'amzn1.ask.account.MULTIINSTANCE';

interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  output: { text: string };
  exited: Promise<number | null>;
}

/** Resolves when the instance's output contains `text`; rejects if it exits first or after `ms`. */
function waitForText(instance: Instance, text: string, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${instance.name}: no "${text}" within ${ms} ms:\n${instance.output.text}`)), ms);
    const check = () => {
      if (instance.output.text.includes(text)) done();
    };
    const exit = () => done(new Error(`${instance.name} exited before "${text}":\n${instance.output.text}`));
    function done(error?: Error) {
      clearTimeout(timer);
      instance.child.stdout!.off('data', check);
      instance.child.off('exit', exit);
      if (error) reject(error);
      else resolve();
    }
    instance.child.stdout!.on('data', check);
    instance.child.once('exit', exit);
    check();
  });
}

interface Answer {
  status: number;
  speech: string;
  attributes: unknown;
}

async function ask(instance: Instance, intent: string, o: AlexaRequestOptions, slots: string[] = []): Promise<Answer> {
  const res = await fetch(`${instance.url}/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(intentRequest(intent, { locale: 'de-DE', timestamp: CLOCK, userId: USER, ...o }, slots)),
  });
  const text = await res.text();
  let body: { response?: { outputSpeech?: { ssml?: string } }; sessionAttributes?: unknown } = {};
  try {
    body = JSON.parse(text);
  } catch {
    /* a non-JSON answer fails the speech assertions below */
  }
  return { status: res.status, speech: spoken(body.response?.outputSpeech?.ssml), attributes: body.sessionAttributes };
}

describe('three instances on one PostgreSQL state database', () => {
  let dataDir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let instances: Instance[] = [];

  /** Orders in the shared shop, read as an outsider would: the SQLite file, read-only. */
  function orderCount(): number {
    const shop = new BetterSqlite3(join(dataDir, 'shop.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (shop.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    } finally {
      shop.close();
    }
  }

  /** Reorder claims in the shared PostgreSQL database: where the exactly-once guarantee lives. */
  async function claimCount(): Promise<number> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM reorder_claims')).rows[0].n);
    } finally {
      await client.end();
    }
  }

  /** A reorder read back by `instance`: the sealed state to confirm with, in a session of its own. */
  async function readBack(instance: Instance): Promise<AlexaRequestOptions & { confirmationStatus: 'CONFIRMED' }> {
    const sessionId = `amzn1.echo-api.session.${randomUUID()}`;
    const offered = await ask(instance, 'ReorderIntent', { accessToken: ANNA, sessionId, isNew: true });
    assert.equal(offered.status, 200);
    assert.match(offered.speech, /Soll ich das so bestellen\?$/, offered.speech);
    assert.ok(offered.attributes && Object.keys(offered.attributes).length > 0, 'the read-back travels in the session attributes');
    return { accessToken: ANNA, sessionId, attributes: offered.attributes as Record<string, unknown>, confirmationStatus: 'CONFIRMED' };
  }

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-scale-'));
    db = await createTestDatabase();
    const keys = `k1:${randomUUID()}${randomUUID()}`;
    const ports = await Promise.all([1, 2, 3].map(() => freePort()));
    // All three start at once: migrations under the advisory lock, one shop file, one seal key.
    instances = ports.map((port, i) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/serve-entry.ts', 'serve'], {
        env: {
          ...process.env,
          PORT: String(port),
          SHOPVOICE_DATA_DIR: dataDir,
          SHOPVOICE_STATE_URL: db.url,
          SHOPVOICE_STATE_KEYS: keys,
          SHOPVOICE_ALEXA_VERIFY: 'false',
          SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID,
          SHOPVOICE_GOOGLE_AUTH: 'off',
          SHOPVOICE_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output = { text: '' };
      child.stdout!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      return { name: `instance ${i + 1}`, url: `http://127.0.0.1:${port}`, child, output, exited };
    });
    await Promise.all(instances.map((instance) => waitForText(instance, '/metrics  Prometheus metrics')));
  });

  after(async () => {
    await Promise.all(instances.map(async (instance) => {
      if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGTERM');
      await instance.exited;
    }));
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('turns of one conversation alternate between instances', async () => {
    const [one, two, three] = instances as [Instance, Instance, Instance];
    const sessionId = `amzn1.echo-api.session.${randomUUID()}`;
    const asked = await ask(one, 'ProductLookupIntent', { sessionId, isNew: true, slots: { product: { value: 'bio hafermilch' } } }, ['product']);
    assert.equal(asked.status, 200);
    assert.match(asked.speech, /Die Bio-Hafermilch 1 l kostet 1,49 €/);
    const followUp = await ask(two, 'ProductLookupIntent', { sessionId, attributes: asked.attributes as Record<string, unknown>, slots: { product: { value: 'und was kostet sie' } } }, ['product']);
    assert.equal(followUp.status, 200);
    assert.match(followUp.speech, /^Die Bio-Hafermilch 1 l kostet 1,49 €, das sind 1,49 € pro Liter\. Sie ist vorrätig\./, 'instance 2 answers from the context instance 1 left');
    // The control: without that context the same words name no product.
    const cold = await ask(two, 'ProductLookupIntent', { sessionId: `amzn1.echo-api.session.${randomUUID()}`, slots: { product: { value: 'und was kostet sie' } } }, ['product']);
    assert.equal(cold.status, 200);
    assert.doesNotMatch(cold.speech, /Hafermilch/);

    const ordersBefore = orderCount();
    const confirm = await readBack(one);
    const placed = await ask(three, 'ReorderIntent', confirm);
    assert.equal(placed.status, 200);
    assert.match(placed.speech, /^Erledigt! Deine Bestellung \d+ bei Lindenhof Markt über \d+,\d\d € ist eingegangen/, placed.speech);
    assert.equal(orderCount(), ordersBefore + 1, 'the read-back on instance 1, confirmed on instance 3, placed exactly one order');
    assert.equal(await claimCount(), 1, 'its claim is in the shared PostgreSQL database');
    assert.equal(existsSync(join(dataDir, 'state.sqlite')), false, 'no instance fell back to a SQLite state file');
  });

  test('20 concurrent confirmations of one read-back, spread over all three, place one order', async () => {
    const ordersBefore = orderCount();
    const confirm = await readBack(instances[1]!);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(instances[i % 3]!, 'ReorderIntent', confirm)));
    for (const a of answers) {
      assert.equal(a.status, 200);
      assert.ok(a.speech.length > 0, 'every answer has speech');
    }
    const placed = answers.filter((a) => /^Erledigt!/.test(a.speech));
    assert.equal(placed.length, 1, answers.map((a) => a.speech).join('\n'));
    const number = /Bestellung (\d+) bei/.exec(placed[0]!.speech)![1];
    for (const a of answers) {
      if (a !== placed[0]) assert.match(a.speech, /schon aufgegeben/, a.speech);
      if (/Nummer \d+/.test(a.speech)) assert.match(a.speech, new RegExp(`Nummer ${number}\\b`));
    }
    assert.equal(orderCount(), ordersBefore + 1);
  });

  test('an instance killed mid-traffic: the others keep answering, no duplicate order', async () => {
    const [one, two, three] = instances as [Instance, Instance, Instance];
    const ordersBefore = orderCount();
    const confirm = await readBack(one);
    // Traffic on all three: on each, two clients in a row of turns (confirmations of that
    // read-back and product questions) until the instance is gone or their turns are done.
    type Result = { instance: Instance; ok: true; a: Answer } | { instance: Instance; ok: false; error: unknown };
    const results: Result[] = [];
    let firstAnswer!: () => void;
    const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
    const client = async (instance: Instance) => {
      for (let i = 0; i < 12; i++) {
        const turn = i % 2 === 0
          ? ask(instance, 'ReorderIntent', confirm)
          : ask(instance, 'ProductLookupIntent', { sessionId: `amzn1.echo-api.session.${randomUUID()}`, isNew: true, slots: { product: { value: 'bio hafermilch' } } }, ['product']);
        try {
          results.push({ instance, ok: true, a: await turn });
          firstAnswer();
        } catch (error) {
          results.push({ instance, ok: false, error });
          return; // the instance is gone: a client stops sending there (a load balancer would route elsewhere)
        }
      }
    };
    const clients = Promise.all(instances.flatMap((instance) => [client(instance), client(instance)]));
    // Kill instance 3 as soon as any turn has been answered: every client still has turns to go.
    await answered;
    three.child.kill('SIGKILL');
    assert.equal(await three.exited, null, 'instance 3 died by the signal');
    assert.equal(three.child.signalCode, 'SIGKILL');
    await clients;

    for (const r of results) {
      if (r.instance === three) continue; // in flight on the killed instance: lost or answered, either is fine
      assert.ok(r.ok, `${r.instance.name} answered every turn: ${r.ok ? '' : String(r.error)}`);
      assert.equal(r.a.status, 200);
      assert.ok(r.a.speech.length > 0);
    }
    assert.equal(results.filter((r) => r.instance !== three).length, 4 * 12, 'the survivors answered all their turns');
    assert.ok(results.some((r) => r.instance === three && !r.ok), 'the kill came while instance 3 still had traffic (those turns are lost with it)');
    const placedAnswers = results.flatMap((r) => (r.ok && /^Erledigt!/.test(r.a.speech) ? [r.a.speech] : []));
    assert.ok(placedAnswers.length <= 1, `at most one confirmation placed the order:\n${placedAnswers.join('\n')}`);

    // After the kill: the survivors answer, and the confirmation retried there places nothing new.
    const question = await ask(two, 'ProductLookupIntent', { sessionId: `amzn1.echo-api.session.${randomUUID()}`, isNew: true, slots: { product: { value: 'bio hafermilch' } } }, ['product']);
    assert.equal(question.status, 200);
    assert.match(question.speech, /Bio-Hafermilch 1 l kostet 1,49 €/);
    await assert.rejects(fetch(`${three.url}/healthz`), 'instance 3 is gone');
    for (const survivor of [one, two]) {
      const retried = await ask(survivor, 'ReorderIntent', confirm);
      assert.equal(retried.status, 200);
      assert.match(retried.speech, /schon aufgegeben/, retried.speech);
      const number = /Nummer (\d+)/.exec(retried.speech)?.[1];
      const placedNumber = placedAnswers[0] && /Bestellung (\d+) bei/.exec(placedAnswers[0])?.[1];
      if (number && placedNumber) assert.equal(number, placedNumber, 'the retry names the order that was placed');
    }
    const placedNow = orderCount() - ordersBefore;
    assert.ok(placedNow <= 1, `no duplicate order (${placedNow} placed)`);
    // Unless instance 3 died holding the only claim before placing, the order was placed once.
    if (placedAnswers.length === 1) assert.equal(placedNow, 1);
  });
});
