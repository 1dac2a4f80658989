// `shopvoice <argv>` from source, exactly as bin/shopvoice.js runs the compiled CLI.
import { runCli } from '../../src/cli/main.js';

await runCli(process.argv.slice(2));
