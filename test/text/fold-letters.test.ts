import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldText } from '../../src/catalog/matching/fold-text.js';
import { foldSpoken } from '../../src/domain/speech.js';
import { foldWord } from '../../src/simulator/normalize-text.js';
import { foldLetters } from '../../src/text/fold-letters.js';

describe('one letter folding (text/fold-letters.ts)', () => {
  it('lower case, ß → ss, umlauts and their transliterations to the bare vowel, other accents dropped', () => {
    for (const [said, folded] of [
      ['Spülmittel', 'spulmittel'], ['Spuelmittel', 'spulmittel'], ['Spulmittel', 'spulmittel'],
      ['Müsli', 'musli'], ['Muesli', 'musli'], ['Straße', 'strasse'], ['STRASSE', 'strasse'], ['Crème brûlée', 'creme brulee'],
      ['Ärger', 'arger'], ['Öl', 'ol'], ['Oel', 'ol'], ['Señor', 'senor'], ['Smørrebrød', 'smørrebrød'],
    ]) assert.equal(foldLetters(said!), folded, said);
  });

  it('a decomposed umlaut folds like the precomposed one', () => {
    assert.equal(foldLetters('Mu\u0308sli'), foldLetters('Müsli'));
  });

  it('leaves everything but letters to the caller: digits, punctuation, apostrophes, spaces', () => {
    assert.equal(foldLetters("Where's  3,8 %-Milch?"), "where's  3,8 %-milch?");
  });

  it('without transliterations, "ae", "oe", "ue" stay as written', () => {
    assert.equal(foldLetters('Koeln does teuerste Köln', { transliterations: false }), 'koeln does teuerste koln');
  });

  it('the matcher, the simulator and the domain fold letters alike', () => {
    for (const word of ['Spülmittel', 'Straße', 'Crème', 'Öl', 'Übermorgen', 'Zwölf', 'Fünfundzwanzig']) {
      const folded = foldLetters(word);
      assert.equal(foldText(word), folded, `matcher: ${word}`);
      assert.equal(foldWord(word), folded, `simulator: ${word}`);
      assert.equal(foldSpoken(word), folded, `domain: ${word}`);
    }
    // The transliterations: the matcher and the simulator read "ue" as "ü"; the domain keeps it (its word lists are spelt).
    assert.equal(foldText('Muesli'), foldWord('Muesli'));
    assert.equal(foldSpoken('Muesli'), 'muesli');
  });
});
