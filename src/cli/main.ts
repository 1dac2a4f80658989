import type { CliIo, CommandRunner } from './cli-io.js';

/**
 * `shopvoice <command> ...`: each command lives in its own module under ./commands and is loaded
 * only when used, so `serve` never pays for the simulator or the model builder.
 */

const COMMANDS: Record<string, { load: () => Promise<{ run: CommandRunner }>; summary: string }> = {
  serve: { load: () => import('./commands/serve.js'), summary: 'serve the skill (what npm start runs)' },
  models: { load: () => import('./commands/models.js'), summary: 'models build [--check] [--zip] | validate | coverage FILE | upload --platform alexa|dialogflow' },
  simulate: { load: () => import('./commands/simulate.js'), summary: 'simulate [--platform alexa|google] [--locale de-DE] [--json] [--now ISO] [--user TOKEN] [--endpoint URL] "sentence" ...' },
  test: { load: () => import('./commands/test-scripts.js'), summary: 'test [files...] [--export-nlu-eval DIR]: run conversation scripts' },
  shop: { load: () => import('./commands/shop.js'), summary: 'shop import FILE | configure FILE [--keep-demo] | show | check [--token T] | search [--json] "spoken text"' },
  kpi: { load: () => import('./commands/kpi.js'), summary: 'kpi [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]: the KPI table' },
  notify: { load: () => import('./commands/notify.js'), summary: 'notify ORDER STATUS --customer ID [--arrival ISO] | --drain | --dead-letters' },
  state: { load: () => import('./commands/state.js'), summary: 'state migrate: the PostgreSQL state database to this version' },
  account: { load: () => import('./commands/account.js'), summary: 'account set-code --token TOKEN (digits on stdin) | remove-code --token TOKEN: a purchase code' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return ['usage: shopvoice <command> [options]', '', 'commands:', ...lines].join('\n');
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`shopvoice: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const { run } = await command.load();
  return run(rest, io);
}

/**
 * What `bin/shopvoice.js` runs: the CLI, its exit code set, and a failure said in one line
 * (a `SettingError` names the setting and the fix) with exit code 1.
 *
 * @example await runCli(process.argv.slice(2));
 */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<void> {
  try {
    process.exitCode = await main(argv, io);
  } catch (error) {
    io.err(`shopvoice: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
