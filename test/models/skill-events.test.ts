// Issue 12 §3: the manifest subscribes to the skill events the backend handles, and the
// Dialogflow intents that end a conversation are marked as its end.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ENDING_INTENTS } from '../../src/models/dialogflow-agent.js';
import { SKILL_EVENT_SUBSCRIPTIONS } from '../../src/models/skill-manifest.js';
import { validateSkillManifest } from '../../src/models/validate-skill-manifest.js';
import { validateDialogflowAgent } from '../../src/models/validate-dialogflow-agent.js';
import { readAgentFiles } from '../../src/models/model-files.js';

const readJson = async (path: string): Promise<any> => JSON.parse(await readFile(path, 'utf8'));

describe('skill events and the end of a conversation', () => {
  it('skill.json subscribes to the five skill events, with the /alexa endpoint', async () => {
    const manifest = await readJson('interaction-models/alexa/skill-package/skill.json');
    const events = manifest.manifest.events;
    assert.deepEqual(events.subscriptions.map((s: { eventName: string }) => s.eventName).sort(),
      ['SKILL_ACCOUNT_LINKED', 'SKILL_DISABLED', 'SKILL_PERMISSION_ACCEPTED', 'SKILL_PERMISSION_CHANGED', 'SKILL_PROACTIVE_SUBSCRIPTION_CHANGED']);
    assert.match(events.endpoint.uri, /\/alexa$/);
    assert.deepEqual(validateSkillManifest('skill.json', manifest), []);
  });

  it('the validator names a missing subscription and a missing endpoint', async () => {
    const manifest = await readJson('interaction-models/alexa/skill-package/skill.json');
    manifest.manifest.events.subscriptions = manifest.manifest.events.subscriptions.filter((s: { eventName: string }) => s.eventName !== 'SKILL_DISABLED');
    delete manifest.manifest.events.endpoint;
    const problems = validateSkillManifest('skill.json', manifest);
    assert.deepEqual(problems.map((p) => p.rule), ['skill-events', 'skill-events']);
    assert.match(problems[0]!.message, /lacks SKILL_DISABLED/);
    assert.match(problems[1]!.message, /endpoint\.uri is missing/);
    delete manifest.manifest.events;
    assert.match(validateSkillManifest('skill.json', manifest)[0]!.message, new RegExp(`lacks ${SKILL_EVENT_SUBSCRIPTIONS.join(', ')}`));
  });

  it('skill.json publishes AMAZON.OrderStatus.Updated and asks the notifications permission (and the mobile number, for a callback)', async () => {
    const manifest = await readJson('interaction-models/alexa/skill-package/skill.json');
    assert.deepEqual(manifest.manifest.events.publications, [{ eventName: 'AMAZON.OrderStatus.Updated' }]);
    assert.deepEqual(manifest.manifest.permissions, [{ name: 'alexa::devices:all:notifications:write' }, { name: 'alexa::profile:mobile_number:read' }]);
  });

  it('the validator names a missing publication, permission and subscription of the order notifications', async () => {
    const manifest = await readJson('interaction-models/alexa/skill-package/skill.json');
    manifest.manifest.events.publications = [];
    delete manifest.manifest.permissions;
    manifest.manifest.events.subscriptions = manifest.manifest.events.subscriptions.filter((s: { eventName: string }) => s.eventName !== 'SKILL_PROACTIVE_SUBSCRIPTION_CHANGED');
    const problems = validateSkillManifest('skill.json', manifest);
    assert.deepEqual(problems.map((p) => p.rule), ['skill-events', 'proactive-events', 'proactive-events']);
    assert.match(problems[0]!.message, /lacks SKILL_PROACTIVE_SUBSCRIPTION_CHANGED/);
    assert.match(problems[1]!.message, /publications lacks AMAZON\.OrderStatus\.Updated/);
    assert.match(problems[2]!.message, /permissions lacks alexa::devices:all:notifications:write/);
  });

  // The hand-off may ask "Soll dich jemand zurückrufen?" (issue 17), so it no longer ends the interaction.
  it('stop and cancel end the interaction in the agent; the others do not', async () => {
    const files = await readAgentFiles('interaction-models');
    const intents = files.filter((f) => /intents\/[^/]+\.json$/.test(f.path) && !f.path.includes('_usersays_')).map((f) => JSON.parse(f.content));
    const ending = intents.filter((i) => i.endInteraction === true).map((i) => i.name).sort();
    assert.deepEqual(ending, ['AMAZON.CancelIntent', 'AMAZON.StopIntent']);
    assert.deepEqual(ending, [...ENDING_INTENTS].sort());
  });

  it('the validator flags an ending intent that is not marked', async () => {
    const files = (await readAgentFiles('interaction-models')).map((f) => ({ ...f, path: f.path.replace(/^dialogflow\/agent\//, '') }));
    const stop = files.find((f) => f.path === 'intents/AMAZON.StopIntent.json')!;
    stop.content = JSON.stringify({ ...JSON.parse(stop.content), endInteraction: false });
    const problems = validateDialogflowAgent('agent', files);
    assert.deepEqual(problems.map((p) => `${p.rule} ${p.intent}`), ['end-interaction AMAZON.StopIntent']);
  });
});
