// Issue 13: Dialogflow training phrases are filled with days that fit the words around them,
// and `models validate` flags "am heute" / "on today".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fittingDayExamples, misplacedRelativeDay } from '../../src/models/day-words.js';
import { readAgentFiles } from '../../src/models/model-files.js';
import { validateDialogflowAgent } from '../../src/models/validate-dialogflow-agent.js';

describe('days that fit their words', () => {
  it('named days after a day preposition, relative days without one', () => {
    assert.deepEqual(fittingDayExamples(['heute', 'samstag', 'morgen', 'montag'], 'wann habt ihr am ', 'de'), ['samstag', 'montag']);
    assert.deepEqual(fittingDayExamples(['heute', 'samstag', 'morgen'], 'habt ihr ', 'de'), ['heute', 'morgen']);
    assert.deepEqual(fittingDayExamples(['today', 'saturday'], 'are you open on ', 'en'), ['saturday']);
  });

  it('finds a relative day after a day preposition', () => {
    assert.equal(misplacedRelativeDay('wann habt ihr am heute offen', 'de'), 'am heute');
    assert.equal(misplacedRelativeDay('hat lindenhof markt münchen am morgen geöffnet', 'de'), 'am morgen');
    assert.equal(misplacedRelativeDay('are you open on today', 'en'), 'on today');
    assert.equal(misplacedRelativeDay('wann habt ihr am samstag offen', 'de'), undefined);
    assert.equal(misplacedRelativeDay('habt ihr morgen offen', 'de'), undefined);
  });

  it('no committed training phrase says "am heute" or "on today", and the validator would say so', async () => {
    const files = (await readAgentFiles('interaction-models')).map((f) => ({ ...f, path: f.path.replace(/^dialogflow\/agent\//, '') }));
    for (const f of files.filter((x) => x.path.includes('_usersays_'))) {
      const lang = f.path.endsWith('_de.json') ? 'de' : 'en';
      for (const phrase of JSON.parse(f.content)) {
        const text = phrase.data.map((p: { text: string }) => p.text).join('');
        assert.equal(misplacedRelativeDay(text, lang), undefined, `${f.path}: "${text}"`);
      }
    }
    const hours = files.find((f) => f.path === 'intents/StoreHoursIntent_usersays_de.json')!;
    const phrases = JSON.parse(hours.content);
    const withDay = phrases.find((p: { data: Array<{ text: string; alias?: string }> }) => p.data.some((d, i) => d.alias === 'day' && /\bam\s*$/.test(p.data[i - 1]?.text ?? '')));
    assert.ok(withDay, 'a German "am {day}" phrase exists');
    withDay.data.find((d: { alias?: string }) => d.alias === 'day').text = 'heute';
    hours.content = JSON.stringify(phrases);
    const problems = validateDialogflowAgent('agent', files);
    assert.deepEqual(problems.map((p) => p.rule), ['ungrammatical-fill']);
  });
});
