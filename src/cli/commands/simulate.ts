import { createInterface } from 'node:readline';
import { DateTime } from 'luxon';
import { loadConfig } from '../../config.js';
import type { Platform } from '../../domain/turn.js';
import { clockAt, DEFAULT_TIME_ZONE, openConversation, type Conversation } from '../../simulator/conversation.js';
import { turnJson, turnText } from '../../simulator/format-turn.js';
import { defaultModelsRoot, openModelSet } from '../../simulator/model-set.js';
import { openConfiguredBackend, type SimBackend } from '../../simulator/sim-backend.js';
import { httpTransport, inProcessTransport, type Transport } from '../../simulator/transport.js';
import { parseCommandArgs } from '../command-args.js';
import type { CliIo } from '../cli-io.js';

const USAGE = `usage: shopvoice simulate [--platform alexa|google] [--locale de-DE] [--json] [--now ISO] [--user TOKEN]
                         [--endpoint URL] [--google-auth USER:PASSWORD] [--time-zone ZONE] [--models DIR]
                         ["sentence" ...]

Runs the sentences as one session through the interaction model and the skill. A sentence that
starts with the invocation ("frag mein einkaufshelfer ob …", "ask my shop helper if …") opens the
skill with that request; any other is spoken inside the open session. Without sentences: an
interactive prompt that keeps the session (.new starts over, .exit leaves).`;

const OPTIONS = {
  platform: { type: 'string', default: 'alexa' },
  locale: { type: 'string', default: 'de-DE' },
  json: { type: 'boolean', default: false },
  now: { type: 'string' },
  user: { type: 'string' },
  endpoint: { type: 'string' },
  'google-auth': { type: 'string' },
  'time-zone': { type: 'string', default: DEFAULT_TIME_ZONE },
  'skill-id': { type: 'string' },
  models: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `shopvoice simulate`: sentences (or a REPL) through the models and the real adapters. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS, USAGE, io);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (values.platform !== 'alexa' && values.platform !== 'google') {
    io.err(`--platform must be alexa or google, not "${values.platform}"`);
    return 2;
  }
  try {
    if (values.now) clockAt(values.now, values['time-zone']);
  } catch (error) {
    io.err(`--now: ${(error as Error).message}`);
    return 2;
  }

  let backend: SimBackend | undefined;
  let transport: Transport;
  if (values.endpoint) {
    transport = httpTransport(values.endpoint, values['google-auth'] ? { googleAuth: values['google-auth'] } : {});
  } else {
    backend = await openConfiguredBackend();
    transport = inProcessTransport(backend.deps);
  }
  try {
    // The skill id the server checks (SHOPVOICE_ALEXA_SKILL_ID), so HTTP runs pass its check.
    const skillId = values['skill-id'] ?? loadConfig().alexa.skillIds[0];
    // Opened once: `.new` in the prompt starts a session, it does not re-read the model files.
    const models = openModelSet(values.models ?? defaultModelsRoot());
    const open = (): Promise<Conversation> =>
      openConversation({
        platform: values.platform as Platform,
        locale: values.locale,
        models,
        transport,
        clock: values.now ?? DateTime.now().toISO()!,
        timeZone: values['time-zone'],
        ...(values.user ? { accessToken: values.user } : {}),
        ...(skillId ? { skillId } : {}),
        seed: `simulate:${Date.now()}`,
      });
    const conversation = await open();
    const say = async (c: Conversation, sentence: string): Promise<void> => {
      // Without --now the clock follows real time, so every turn is stamped when it is said.
      if (!values.now) c.settings.clock = clockAt(DateTime.now().toISO()!, values['time-zone']);
      const result = await c.turn({ utterance: sentence });
      if (values.json) io.out(turnJson(result));
      else io.out([`> ${sentence}`, ...turnText(result)].join('\n'));
    };
    if (positionals.length > 0) {
      for (const sentence of positionals) await say(conversation, sentence);
      return 0;
    }
    await repl(io, values.locale, values.platform, conversation, open, say);
    return 0;
  } catch (error) {
    io.err(`simulate: ${(error as Error).message}`);
    return 1;
  } finally {
    await backend?.close();
  }
}

async function repl(
  io: CliIo,
  locale: string,
  platform: string,
  first: Conversation,
  open: () => Promise<Conversation>,
  say: (c: Conversation, sentence: string) => Promise<void>,
): Promise<void> {
  let conversation = first;
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: `${platform} ${locale}> ` });
  io.out(`Type what the customer says (${locale}, ${platform}). .new starts a new session, .exit leaves.`);
  rl.prompt();
  for await (const line of rl) {
    const sentence = line.trim();
    if (sentence === '.exit' || sentence === '.quit') break;
    if (sentence === '.new') conversation = await open();
    else if (sentence !== '') {
      try {
        await say(conversation, sentence);
      } catch (error) {
        io.err(`error: ${(error as Error).message}`);
      }
    }
    rl.prompt();
  }
  rl.close();
}
