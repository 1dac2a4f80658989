import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Logger } from '../../src/domain/deps.js';
import { createWebhookAuth } from '../../src/platforms/google/webhook-auth.js';
import { basicAuth } from './dialogflow-requests.js';

function recordingLogger(): Logger & { lines: Array<{ level: string; msg?: string }> } {
  const lines: Array<{ level: string; msg?: string }> = [];
  const at = (level: string) => (_obj: object, msg?: string) => void lines.push({ level, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('google webhook auth', () => {
  const log = recordingLogger();
  const auth = createWebhookAuth({ user: 'dialogflow', password: 'p:ss wörd', authOff: false }, log);

  it('accepts exactly the configured user and password (the password may hold a colon)', () => {
    assert.equal(auth.mode, 'basic');
    assert.equal(auth.allows(basicAuth('dialogflow', 'p:ss wörd')), true);
    assert.equal(auth.allows('basic ' + Buffer.from('dialogflow:p:ss wörd').toString('base64')), true, 'scheme is case-insensitive');
    assert.equal(log.lines.length, 0, 'nothing to warn about');
  });

  it('refuses a wrong user, a wrong password, prefixes and extensions of them', () => {
    for (const [user, password] of [
      ['dialogflow', 'p:ss word'],
      ['Dialogflow', 'p:ss wörd'],
      ['dialogflow', 'p:ss wörd '],
      ['dialogflo', 'p:ss wörd'],
      ['dialogflow', 'p:ss'],
      ['', ''],
    ] as const) {
      assert.equal(auth.allows(basicAuth(user, password)), false, `${user}:${password}`);
    }
  });

  it('refuses missing and malformed headers', () => {
    for (const header of [
      undefined,
      '',
      'Basic',
      'Basic ',
      'Bearer ' + Buffer.from('dialogflow:p:ss wörd').toString('base64'),
      'Basic ' + Buffer.from('dialogflow').toString('base64'),
      'Basic !!!notbase64!!!',
      'Basic ' + Buffer.from('dialogflow:p:ss wörd').toString('base64') + ' extra',
    ]) {
      assert.equal(auth.allows(header), false, String(header));
    }
  });

  it('no credentials configured: every call refused, and start-up says how to set them', () => {
    for (const google of [{ authOff: false }, { user: 'u', authOff: false }, { password: 'p', authOff: false }]) {
      const closedLog = recordingLogger();
      const closed = createWebhookAuth(google, closedLog);
      assert.equal(closed.mode, 'closed');
      assert.equal(closed.allows(basicAuth('u', 'p')), false);
      assert.equal(closed.allows(undefined), false);
      assert.equal(closedLog.lines.length, 1);
      assert.equal(closedLog.lines[0]?.level, 'error');
      assert.match(closedLog.lines[0]?.msg ?? '', /SHOPVOICE_GOOGLE_USER.*SHOPVOICE_GOOGLE_PASSWORD/);
    }
  });

  it('SHOPVOICE_GOOGLE_AUTH=off opens it, with a warning', () => {
    const openLog = recordingLogger();
    const open = createWebhookAuth({ user: 'u', password: 'p', authOff: true }, openLog);
    assert.equal(open.mode, 'open');
    assert.equal(open.allows(undefined), true);
    assert.deepEqual(openLog.lines.map((l) => l.level), ['warn']);
    assert.match(openLog.lines[0]?.msg ?? '', /SHOPVOICE_GOOGLE_AUTH=off/);
  });
});
