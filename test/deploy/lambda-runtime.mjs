// A stand-in for AWS Lambda's Node.js runtime, for the tests and the bench: loads a bundled
// handler the way the runtime does (`index.handler` of the function's folder, as an ES module,
// in a process of its own with the function's environment) and invokes it with each event the
// parent sends over the IPC channel, one at a time, as one Lambda execution environment would.
// Answers `{ id, result }`, or `{ id, errorType, errorMessage }` where Lambda reports a failed
// invocation. Plain JavaScript: what runs here is the bundle alone, no TypeScript loader.
//
//   fork('test/deploy/lambda-runtime.mjs', [bundleDir], { env }) → { ready: true }, then events
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
if (!dir) throw new Error('usage: lambda-runtime.mjs <folder of index.mjs>');
const { handler } = await import(pathToFileURL(join(dir, 'index.mjs')).href);
if (typeof handler !== 'function') throw new Error(`${dir}/index.mjs exports no handler`);

let queue = Promise.resolve();
process.on('message', (message) => {
  const { id, event } = message;
  const context = { awsRequestId: `local-${id}`, functionName: 'shopvoice-local', getRemainingTimeInMillis: () => 8000 };
  queue = queue.then(async () => {
    try {
      process.send({ id, result: await handler(event, context) });
    } catch (error) {
      process.send({ id, errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error) });
    }
  });
});
// Lambda ends an environment with SIGTERM; exiting normally lets --cpu-prof write its profile.
process.on('SIGTERM', () => process.exit(0));
process.send({ ready: true });
