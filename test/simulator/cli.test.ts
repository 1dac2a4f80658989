// The CLI contract (design.md): `simulate` with --json lines of exactly the named fields, the
// readable view, the REPL; `test` ending with "N passed, N failed" and exit 1 on failures.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { main } from '../../src/cli/main.js';

let dataDir: string;
const env = process.env.SHOPVOICE_DATA_DIR;

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(l) });
  return { code, out, err };
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-cli-'));
  process.env.SHOPVOICE_DATA_DIR = dataDir;
});
after(async () => {
  if (env === undefined) delete process.env.SHOPVOICE_DATA_DIR;
  else process.env.SHOPVOICE_DATA_DIR = env;
  await rm(dataDir, { recursive: true, force: true });
});

describe('shopvoice simulate', () => {
  test('the newcomer\'s sentence gets the product answer', async () => {
    const { code, out } = await cli('simulate', '--locale', 'de-DE', '--now', '2026-11-22T10:00:00+01:00', 'frag mein einkaufshelfer ob ihr hafermilch habt');
    assert.equal(code, 0);
    assert.equal(out[0], '> frag mein einkaufshelfer ob ihr hafermilch habt');
    assert.match(out.join('\n'), /intent {4}ProductLookupIntent \(one-shot\)/);
    assert.match(out.join('\n'), /slots {5}product = "hafermilch" \(no match\)/);
    assert.match(out.join('\n'), /speech {4}Ich habe mehrere passende Produkte: .*Bio-Hafermilch 1 l.*Welches meinst du\?/);
    assert.match(out.join('\n'), /session {3}open \(new\)/);
  });

  test('--json: one line per turn with exactly the design\'s fields; sentences share one session', async () => {
    const { code, out } = await cli('simulate', '--json', '--locale', 'de-DE', '--now', '2026-11-22T10:00:00+01:00', '--user', 'demo-token-anna',
      'öffne mein einkaufshelfer', 'wann hat münchen am samstag offen', 'wo ist bestellung zehntausendachtzehn', 'stopp');
    assert.equal(code, 0);
    assert.equal(out.length, 4);
    const turns = out.map((l) => JSON.parse(l));
    for (const t of turns) assert.deepEqual(Object.keys(t), ['utterance', 'platform', 'locale', 'intent', 'slots', 'speech', 'reprompt', 'endSession', 'match', 'score', 'runnerUps']);
    assert.deepEqual([turns[1].match, turns[1].score], ['literal', 1]);
    assert.equal(turns[0].intent, 'LaunchRequest');
    assert.deepEqual(turns[1].slots, { day: { value: '2026-11-28', id: null }, store: { value: 'münchen', id: 'S-MUC' } });
    assert.equal(turns[1].speech, 'Am Samstag hat Lindenhof Markt München von 8 bis 18 Uhr geöffnet. Kann ich sonst noch etwas für dich tun?');
    assert.deepEqual(turns[2].slots, { orderNumber: { value: '10018', id: null } });
    assert.match(turns[2].speech, /Deine Bestellung 10018 wurde am Donnerstag, dem 15\. Oktober zugestellt/);
    assert.equal(turns[3].endSession, true);
    assert.equal(turns[3].reprompt, '');
  });

  test('--platform google runs the same sentence through the Dialogflow agent and webhook', async () => {
    const { out } = await cli('simulate', '--json', '--platform', 'google', '--locale', 'en-US', '--now', '2026-11-22T10:00:00+01:00', 'ask my shop helper if you have organic oat milk');
    const turn = JSON.parse(out[0]!);
    assert.equal(turn.platform, 'google');
    assert.equal(turn.intent, 'ProductLookupIntent');
    assert.deepEqual(turn.slots.product, { value: 'organic oat milk', id: 'P-1001' });
    assert.match(turn.speech, /^The Organic Oat Milk 1 l costs €1\.49/);
  });

  test('bad options are usage errors: exit 2 and a message naming the option', async () => {
    const platform = await cli('simulate', '--platform', 'cortana', 'hi');
    assert.equal(platform.code, 2);
    assert.match(platform.err.join('\n'), /--platform must be alexa or google, not "cortana"/);
    const now = await cli('simulate', '--now', 'tomorrowish', 'hi');
    assert.equal(now.code, 2);
    assert.match(now.err.join('\n'), /^--now: not an ISO 8601 instant: "tomorrowish"/);
    const unknown = await cli('simulate', '--colour', 'hi');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err.join('\n'), /--colour[\s\S]*usage: shopvoice simulate/);
    assert.deepEqual(platform.out.concat(now.out, unknown.out), [], 'nothing was simulated');
  });

  test('without sentences: a prompt that keeps the session', async () => {
    const entry = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'simulate', '--json', '--now', '2026-11-22T10:00:00+01:00', '--user', 'demo-token-anna'], {
      env: { ...process.env, SHOPVOICE_DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stdin.write('ich möchte nachbestellen\nnein\n.exit\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    const turns = stdout.split('\n').map((l) => l.replace(/^.*?> /, '')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    assert.equal(turns.length, 2);
    assert.equal(turns[0].intent, 'ReorderIntent');
    assert.equal(turns[1].intent, 'ReorderIntent', '"nein" answers the ConfirmIntent in the same session');
    assert.match(turns[1].speech, /ich bestelle nichts/);
  });
});

describe('shopvoice test', () => {
  test('ends with "N passed, N failed"; exit 1 when a run fails; exports NLU annotation sets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shopvoice-scripts-'));
    try {
      await writeFile(join(dir, 'good.yaml'), 'locales: [de-DE]\nclock: 2026-11-22T10:00:00+01:00\nsteps:\n  - say: hilfe\n    expect: { intent: AMAZON.HelpIntent, slots: {} }\n');
      await writeFile(join(dir, 'bad.yaml'), 'locales: [en-US]\nplatforms: [alexa]\nsteps:\n  - say: help\n    expect: { speech: { exact: nope } }\n');
      const good = await cli('test', join(dir, 'good.yaml'), '--export-nlu-eval', join(dir, 'nlu'));
      assert.equal(good.code, 0);
      assert.equal(good.out.at(-1), '2 passed, 0 failed');
      assert.deepEqual((await readdir(join(dir, 'nlu'))).sort(), ['de-DE.csv', 'de-DE.json']);
      const both = await cli('test', dir);
      assert.equal(both.code, 1);
      assert.equal(both.out.at(-1), '2 passed, 1 failed');
      assert.ok(both.out.some((l) => /^FAIL {2}bad \[alexa en-US\]/.test(l)));
      assert.ok(both.out.some((l) => l.includes('speech: expected exactly "nope"')));
      await writeFile(join(dir, 'broken.yaml'), 'locales: [de-DE]\nsteps:\n  - say: hilfe\n    expect: { speech: hilfe }\n');
      const broken = await cli('test', join(dir, 'broken.yaml'));
      assert.equal(broken.code, 2);
      assert.match(broken.err.join('\n'), /broken\.yaml: step 1: expect\.speech/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
