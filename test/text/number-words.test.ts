import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spokenTokens } from '../../src/catalog/matching/spoken-tokens.js';
import { foldLetters } from '../../src/text/fold-letters.js';
import { numberWordValue, parseNumber, readNumber } from '../../src/text/number-words.js';

const words = (text: string): string[] => foldLetters(text).split(' ');

describe('one number-word reader (text/number-words.ts)', () => {
  it('reads one word in either language, or in the one given', () => {
    assert.equal(numberWordValue(foldLetters('dreihundertdreißig')), 330);
    assert.equal(numberWordValue('forty'), 40);
    assert.equal(numberWordValue(foldLetters('zweieinhalb')), 2.5);
    assert.equal(numberWordValue('zwei', 'en'), undefined);
    assert.equal(numberWordValue('two', 'de'), undefined);
    assert.equal(numberWordValue('hafermilch'), undefined);
  });

  it('reads a number as far as it goes, and no joiner or article that leads nowhere', () => {
    assert.deepEqual(readNumber(words('forty two litres'), 0), { value: 42, next: 2 });
    assert.deepEqual(readNumber(words('zwei und vierzig'), 0, 'de'), { value: 42, next: 3 });
    assert.deepEqual(readNumber(words('one and a half'), 0), { value: 1, next: 1 });
    assert.deepEqual(readNumber(words('one thousand two hundred and five'), 0, 'en'), { value: 1205, next: 6 });
    assert.deepEqual(readNumber(words('zweitausend fünfhundert'), 0, 'de'), { value: 2500, next: 2 });
    assert.deepEqual(readNumber(words('twenty twenty one'), 0, 'en'), { value: 20, next: 1 });
    assert.equal(readNumber(words('a hafermilch'), 0, 'en'), undefined);
  });

  it('the simulator\'s AMAZON.NUMBER and the matcher\'s quantities read the same words the same way', () => {
    for (const [said, language, digits] of [
      ['zehntausenddreiundzwanzig', 'de', '10023'], ['zwei hundert drei und zwanzig', 'de', '223'], ['ein dutzend', 'de', '12'],
      ['ten thousand twenty three', 'en', '10023'], ['one hundred and five', 'en', '105'], ['two dozen', 'en', '24'],
    ] as const) {
      assert.equal(parseNumber(words(said), language), digits, said);
      assert.deepEqual(spokenTokens(said), [digits], said);
    }
  });

  it('digits said one by one are one number for AMAZON.NUMBER', () => {
    assert.equal(parseNumber(words('vier sieben eins eins'), 'de'), '4711');
    assert.equal(parseNumber(words('four seven one one'), 'en'), '4711');
    assert.equal(parseNumber(words('eineinhalb'), 'de'), undefined, 'halves are no AMAZON.NUMBER');
  });
});
