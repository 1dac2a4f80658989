// The operator's server exactly as `node bin/shopvoice.js serve` starts it (the compiled dist/,
// the same configuration from the environment), with one difference: turn events are not
// recorded (`openDeps`' `analytics: false`, what the simulator's scratch shops use). The bench
// measures the same scenario on this server and on the default one; the difference is what
// recording costs (issue 18: at most 5 % of throughput). Plain JavaScript, like the operator's
// entry, so no TypeScript loader runs in the server under test.
import { serve } from '../../dist/server/main.js';

await serve(undefined, (line) => process.stdout.write(`${line}\n`), { analytics: false });
