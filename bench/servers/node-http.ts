// Baseline: node:http answering a fixed JSON body after reading the request — the floor for any
// server on this machine.
import { FIXED_ALEXA_RESPONSE, listenOnBenchPort } from './listen.js';

const body = Buffer.from(JSON.stringify(FIXED_ALEXA_RESPONSE));

listenOnBenchPort((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
