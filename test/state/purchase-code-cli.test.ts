// Issue 17: `shopvoice account set-code` (the digits on stdin, never printed) and remove-code, as
// an operator runs it: a child process on a real data folder. And the Dialogflow side of the code:
// @sys.number drops a leading zero, the webhook pads it back.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { slotsFromParameters } from '../../src/platforms/google/slots-from-parameters.js';
import { openSqlitePurchaseCodes } from '../../src/state/purchase-code-sqlite.js';

const entry = fileURLToPath(new URL('../simulator/cli-entry.ts', import.meta.url));

function cli(dataDir: string, args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, 'account', ...args], {
    env: { ...process.env, SHOPVOICE_DATA_DIR: dataDir, SHOPVOICE_PURCHASE_CODE: 'on' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('shopvoice account set-code / remove-code', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-account-cli-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('sets the code from stdin without printing it; refuses an unknown token and a wrong code', async () => {
    const set = await cli(dataDir, ['set-code', '--token', 'demo-token-anna'], '0815\n');
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout.trim(), 'purchase code set');
    assert.doesNotMatch(set.stdout + set.stderr, /0815/);
    const codes = openSqlitePurchaseCodes(dataDir);
    try {
      assert.equal(await codes.matches('C-1001', '0815'), true);
    } finally {
      codes.close();
    }
    assert.equal((await cli(dataDir, ['set-code', '--token', 'nobody'], '1234\n')).code, 1);
    assert.equal((await cli(dataDir, ['set-code', '--token', 'demo-token-anna'], '12\n')).code, 2);
    const removed = await cli(dataDir, ['remove-code', '--token', 'demo-token-anna']);
    assert.equal(removed.stdout.trim(), 'purchase code removed');
  });
});

test('Dialogflow: a four-digit code that @sys.number sent as 815 is "0815" again', () => {
  assert.deepEqual(slotsFromParameters('PurchaseCodeIntent', { code: 815 }, []), { code: { value: '0815' } });
  assert.deepEqual(slotsFromParameters('PurchaseCodeIntent', { code: '4711' }, []), { code: { value: '4711' } });
  assert.deepEqual(slotsFromParameters('AddToCartIntent', { quantity: 2, product: '' }, []).quantity, { value: '2' });
});
