// Baseline: express 4.21 (the npm alias `express4`, pinned) + express.json + the same minimal
// ask-sdk-core skill as express-ask-sdk.ts. express 4 is still what most self-hosted skills run;
// a user picks either major, so /alexa is judged against the faster of the two (issue 20).
import { SkillBuilders } from 'ask-sdk-core';
import express from 'express4';
import { listenOnBenchPort } from './listen.js';
import { minimalSkill } from './minimal-skill.js';

const skill = minimalSkill(SkillBuilders.custom());
const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.post('/alexa', express.json({ limit: '128kb' }), async (req, res) => {
  res.json(await skill.invoke(req.body));
});
listenOnBenchPort(app);
