import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeTextFile } from '../../src/catalog/text/decode-text-file.js';

const LINE = 'name;preis\nKäsekuchen „Omas Art“;12,99 €\nGrüße;ß\n';

test('UTF-8, UTF-8 with BOM and Windows-1252 all read as the merchant typed them, and say which it was', () => {
  assert.deepEqual(decodeTextFile(Buffer.from(LINE, 'utf8')), { text: LINE, encoding: 'utf-8' });
  assert.deepEqual(decodeTextFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LINE, 'utf8')])), { text: LINE, encoding: 'utf-8 with BOM' });
  // What German Excel writes for "CSV (Trennzeichen-getrennt)": one byte per character, € = 0x80, „ = 0x84, “ = 0x93.
  const cp1252 = Buffer.from([...LINE].map((c) => ({ '€': 0x80, '„': 0x84, '“': 0x93 } as Record<string, number>)[c] ?? c.charCodeAt(0)));
  assert.deepEqual(decodeTextFile(cp1252), { text: LINE, encoding: 'windows-1252' });
});

test('plain ASCII is UTF-8; an empty file is empty', () => {
  assert.deepEqual(decodeTextFile(Buffer.from('a,b\n1,2\n')), { text: 'a,b\n1,2\n', encoding: 'utf-8' });
  assert.deepEqual(decodeTextFile(new Uint8Array()), { text: '', encoding: 'utf-8' });
});
