import iconv from 'iconv-lite';

/** The encodings a merchant's export arrives in. */
export type TextEncodingName = 'utf-8' | 'utf-8 with BOM' | 'windows-1252';

/**
 * Decodes a file as spreadsheet programs write it: UTF-8 with a byte-order mark (Excel's "CSV
 * UTF-8"), plain UTF-8, or Windows-1252 (German Excel's plain "CSV", where "ä" is the single byte
 * 0xE4 and would otherwise turn into "�"). Invalid UTF-8 is taken as Windows-1252, which maps
 * every byte to a character; the caller says which encoding was used, so nothing changes silently.
 *
 * @example const { text, encoding } = decodeTextFile(await readFile('katalog.csv'));
 */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8 with BOM' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Node's TextDecoder reads 'windows-1252' as Latin-1 (0x80 stays U+0080 instead of €).
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}
