// Baseline: express 5 + express.json + a minimal actions-on-google 3.0.0 `dialogflow()` app (one
// intent and the fallback, each answering a fixed sentence), the library's own express handler.
import { dialogflow } from 'actions-on-google';
import express from 'express';
import { listenOnBenchPort } from './listen.js';

const dialogflowApp = dialogflow();
const answer = 'Spülmittel Zitrone 500 ml kostet 1,29 €.';
dialogflowApp.intent('ProductLookupIntent', (conv) => conv.ask(answer));
dialogflowApp.fallback((conv) => conv.ask(answer));

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.post('/google', express.json({ limit: '64kb' }), dialogflowApp);
listenOnBenchPort(app);
