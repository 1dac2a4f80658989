import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldText } from '../../src/catalog/matching/fold-text.js';
import { numberWordValue } from '../../src/text/number-words.js';
import { phoneticKeys } from '../../src/catalog/matching/phonetic-keys.js';
import { spokenTokens } from '../../src/catalog/matching/spoken-tokens.js';

/** Every text in a row must read as the same tokens. */
function same(texts: string[], expected: string[]): void {
  for (const text of texts) assert.deepEqual(spokenTokens(text), expected, `"${text}"`);
}

describe('normalisation: characters', () => {
  it('folds case and Unicode forms (NFC and NFD spellings meet)', () => {
    same(['HAFERMILCH', 'Hafermilch', 'hafermilch'], ['hafermilch']);
    same(['Spu\u0308lmittel', 'Sp\u00fclmittel'], ['spulmittel']);
  });
  it('folds ß to ss', () => {
    same(['Süßrahmbutter', 'Süssrahmbutter', 'Suessrahmbutter'], ['sussrahmbutter']);
    same(['Weißblick', 'weissblick'], ['weissblick']);
  });
  it('folds umlauts and their ae/oe/ue transliterations to the bare vowel', () => {
    same(['Spülmittel', 'Spuelmittel', 'Spulmittel'], ['spulmittel']);
    same(['Äpfel', 'Aepfel', 'apfel'], ['apfel']);
    same(['Grüner Tee', 'Gruener Tee'], ['gruner', 'tee']);
    // The same rule folds English words; harmless, since the catalog is folded alike.
    same(['blue', 'Blue'], ['blu']);
  });
  it('drops other diacritics', () => {
    same(['Crème brûlée', 'creme brulee'], ['creme', 'brulee']);
  });
  it('turns punctuation into word breaks and keeps decimal separators', () => {
    same(['Bio-Hafermilch', 'bio hafermilch', 'Bio–Hafermilch!'], ['bio', 'hafermilch']);
    same(['T-Shirt', 't shirt'], ['t', 'shirt']);
    assert.equal(foldText('Mineralwasser 6 x 1,5 l'), 'mineralwasser 6 x 1.5 l');
    assert.equal(foldText('Water 1.5 l'), 'water 1.5 l');
  });
  it("drops the English possessive 's", () => {
    same(["Men's Roll-On", 'Men\u2019s roll on', 'men roll on'], ['men', 'roll', 'on']);
  });
  it('splits digits from letters', () => {
    same(['CR2032', 'cr 2032'], ['cr', '2032']);
    same(['500g', '500 g'], ['500g']);
  });
});

describe('normalisation: filler words', () => {
  it('drops German politeness, articles and hesitations', () => {
    same(['bitte eine Hafermilch', 'ähm die hafermilch mal', 'Hafermilch'], ['hafermilch']);
  });
  it('drops English politeness and articles', () => {
    same(['some oat milk please', 'the oat milk', 'uh oat milk'], ['oat', 'milk']);
  });
  it('keeps words that tell products apart', () => {
    assert.deepEqual(spokenTokens('Wasser ohne Kohlensäure'), ['wasser', 'ohne', 'kohlensaure']);
    assert.deepEqual(spokenTokens('water without bubbles'), ['water', 'without', 'bubbles']);
  });
});

describe('normalisation: number words', () => {
  it('reads German number words as digits', () => {
    const cases: Array<[string, number]> = [
      ['zweiundvierzig', 42], ['neunzig', 90], ['siebenundneunzig', 97], ['fünfhundert', 500],
      ['dreihundertdreißig', 330], ['zweitausend', 2000], ['zwanzigtausend', 20000], ['eins', 1],
      ['zwölf', 12], ['eineinhalb', 1.5], ['anderthalb', 1.5], ['zweieinhalb', 2.5],
    ];
    for (const [word, value] of cases) assert.equal(numberWordValue(foldText(word)), value, word);
  });
  it('joins German numbers said in pieces', () => {
    same(['zwei und vierzig', 'zweiundvierzig', '42'], ['42']);
    same(['eins komma fünf', '1,5'], ['1.5']);
  });
  it('reads English number words, also in several words', () => {
    same(['forty two', 'forty-two', '42'], ['42']);
    same(['ninety seven', '97'], ['97']);
    same(['ninety'], ['90']);
    same(['one hundred and five', 'one hundred five'], ['105']);
    same(['one and a half', 'one point five'], ['1.5']);
    same(['twenty thousand'], ['20000']);
  });
  it('puts the number right in product names', () => {
    same(['nike air max neunzig', 'Nike Air Max 90', 'nike air max ninety'], ['nike', 'air', 'max', '90']);
    same(['air max siebenundneunzig', 'air max ninety seven'], ['air', 'max', '97']);
  });
  it('reads "ein"/"a" as one only before a unit', () => {
    same(['eine Hafermilch', 'einen hafermilch'], ['hafermilch']);
    same(['an oat milk', 'a oat milk'], ['oat', 'milk']);
    same(['ein Liter', 'einen Liter', 'a litre', 'one liter'], ['1l']);
  });
});

describe('normalisation: units and sizes', () => {
  it('makes a number and its unit one quantity in a canonical unit', () => {
    same(['ein liter', '1 l', '1l', '1000 ml', 'one litre', 'eins liter'], ['1l']);
    same(['ein halber liter', 'einen halben Liter', '0,5 l', '500 ml', 'half a litre', 'halber liter'], ['0.5l']);
    same(['500 gramm', '500 g', '0,5 kg', 'fünfhundert gramm', 'five hundred grams', 'half a kilo'], ['500g']);
    same(['eineinhalb liter', 'anderthalb liter', '1,5 l', 'one and a half litres'], ['1.5l']);
    same(['zweieinhalb kilo', '2,5 kg'], ['2500g']);
    same(['zwei meter', '2 m', 'two metres'], ['2m']);
    same(['6 Stück', 'sechs stück', 'six pieces', '6er', 'sechser'], ['6stk']);
    same(['4er-Pack', 'vierer pack'], ['4stk', 'pack']);
  });
  it('drops size markers before a size', () => {
    same(['größe 42', 'Größe zweiundvierzig', 'Gr. 42', 'groesse 42', 'size forty two', '42'], ['42']);
    same(['Größe L', 'size L', 'L'], ['l']);
    same(['air zoom in blau größe zweiundvierzig'], ['air', 'zoom', 'blau', '42']);
  });
  it('keeps a size word that announces nothing', () => {
    assert.deepEqual(spokenTokens('große Packung'), ['grosse', 'packung']);
  });
});

describe('phonetic keys', () => {
  it('gives misheard spellings the key of the catalog word (Kölner Phonetik, Double Metaphone)', () => {
    assert.equal(phoneticKeys('tsitrone')[0], phoneticKeys('zitrone')[0]);
    assert.deepEqual(phoneticKeys('fanille'), phoneticKeys('vanille'));
    assert.equal(phoneticKeys('filadelfia')[1], phoneticKeys('philadelphia')[1]);
  });
  it('has no key for short words and numbers, which collide too easily', () => {
    assert.deepEqual(phoneticKeys('gel'), []);
    assert.deepEqual(phoneticKeys('2032'), []);
  });
});
