// Baseline: express 5 + express.json + a minimal ask-sdk-core skill (one handler that speaks a
// fixed sentence): the usual way an Alexa skill is self-hosted, without request verification.
import { SkillBuilders } from 'ask-sdk-core';
import express from 'express';
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
