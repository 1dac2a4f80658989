// `serve()` as `shopvoice serve` runs it, with every clock fixed at TEST_NOW (an ISO instant), so
// a test of the whole server in a child process never depends on the real time. Prints
// `LISTENING` once the server listens. Test-only: never imported by the app.
import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config.js';
import { serve } from '../../src/server/main.js';

const at = DateTime.fromISO(process.env.TEST_NOW ?? '', { zone: 'utc' });
if (!at.isValid) throw new Error('TEST_NOW must be an ISO instant');
await serve(loadConfig(), (line) => process.stdout.write(line + '\n'), { now: () => at });
process.stdout.write('LISTENING\n');
