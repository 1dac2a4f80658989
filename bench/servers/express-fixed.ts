// Baseline: express 5 answering a fixed JSON body after parsing the request's JSON — what express
// itself costs per request.
import express from 'express';
import { FIXED_ALEXA_RESPONSE, listenOnBenchPort } from './listen.js';

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.post('/alexa', express.json({ limit: '128kb' }), (_req, res) => {
  res.json(FIXED_ALEXA_RESPONSE);
});
listenOnBenchPort(app);
