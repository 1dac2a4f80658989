/**
 * The sample grammar of the model source (interaction-models/source/README.md): one line
 * stands for every sentence it can say.
 *
 * - `(a|b|c)` one of the alternatives; an alternative may be empty: `(a|)`.
 * - `[a|b]` optional: nothing, or one of the alternatives.
 * - `<name>` one of the language's carrier phrases `carriers.name` (which may use the grammar too).
 * - `{slot}` and plain words stay as they are.
 *
 * Expansion is deterministic (alternatives in the order written, the sentence without an
 * optional part before the ones with it) and deduplicated (whitespace collapsed).
 */

type Node = { kind: 'text'; text: string } | { kind: 'choice'; options: Node[][]; optional: boolean } | { kind: 'carrier'; name: string };

/** A grammar mistake, with the column it was found at (1-based). */
export class GrammarError extends Error {
  constructor(message: string, readonly column: number) {
    super(`${message} (column ${column})`);
  }
}

/** More sentences than this from one source line is a mistake, not a grammar. */
export const MAX_EXPANSIONS_PER_LINE = 5000;

function parse(line: string): Node[] {
  let at = 0;
  const sequence = (closers: string): Node[][] => {
    const options: Node[][] = [[]];
    let text = '';
    const flush = (): void => {
      if (text) options[options.length - 1]!.push({ kind: 'text', text });
      text = '';
    };
    while (at < line.length) {
      const c = line[at]!;
      if (c === '(' || c === '[') {
        flush();
        const open = at++;
        const inner = sequence(c === '(' ? ')' : ']');
        if (line[at] !== (c === '(' ? ')' : ']')) throw new GrammarError(`"${c}" is not closed`, open + 1);
        at++;
        options[options.length - 1]!.push({ kind: 'choice', options: inner, optional: c === '[' });
      } else if (c === ')' || c === ']') {
        if (!closers.includes(c)) throw new GrammarError(`"${c}" closes nothing`, at + 1);
        break;
      } else if (c === '|') {
        if (!closers) throw new GrammarError('"|" outside ( ) or [ ]', at + 1);
        flush();
        options.push([]);
        at++;
      } else if (c === '<') {
        flush();
        const end = line.indexOf('>', at);
        const name = end < 0 ? '' : line.slice(at + 1, end).trim();
        if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(name)) throw new GrammarError('"<" must name a carrier list like <frage>', at + 1);
        options[options.length - 1]!.push({ kind: 'carrier', name });
        at = end + 1;
      } else if (c === '>') {
        throw new GrammarError('">" without "<"', at + 1);
      } else {
        text += c;
        at++;
      }
    }
    flush();
    return options;
  };
  const top = sequence('');
  if (at < line.length) throw new GrammarError(`"${line[at]}" closes nothing`, at + 1);
  return top[0]!;
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Every sentence one source line stands for, in a stable order, without repeats.
 * `carriers` are the language's carrier lists (already expanded or not: they are expanded here).
 *
 * @example expandSample('(wann|bis wann) habt ihr [heute] offen')
 * // ['wann habt ihr offen', 'wann habt ihr heute offen', 'bis wann habt ihr offen', 'bis wann habt ihr heute offen']
 */
export function expandSample(line: string, carriers: Readonly<Record<string, readonly string[]>> = {}, seen: ReadonlySet<string> = new Set()): string[] {
  const nodes = parse(line);
  const expandNodes = (list: Node[]): string[] => {
    let out = [''];
    for (const node of list) {
      let pieces: string[];
      if (node.kind === 'text') pieces = [node.text];
      else if (node.kind === 'carrier') {
        const phrases = carriers[node.name];
        if (!phrases) throw new GrammarError(`no carrier list <${node.name}> (define it under carriers:)`, line.indexOf(`<${node.name}`) + 1);
        if (seen.has(node.name)) throw new GrammarError(`carrier list <${node.name}> refers to itself`, 1);
        pieces = phrases.flatMap((p) => expandSample(p, carriers, new Set([...seen, node.name])));
      } else {
        pieces = [...(node.optional ? [''] : []), ...node.options.flatMap((o) => expandNodes(o))];
      }
      const next: string[] = [];
      for (const head of out) {
        for (const piece of pieces) {
          next.push(head + piece);
          if (next.length > MAX_EXPANSIONS_PER_LINE) throw new GrammarError(`expands to more than ${MAX_EXPANSIONS_PER_LINE} sentences`, 1);
        }
      }
      out = next;
    }
    return out;
  };
  const unique = new Set<string>();
  for (const s of expandNodes(nodes)) {
    const c = clean(s);
    if (c) unique.add(c);
  }
  return [...unique];
}

/** True when the line uses the grammar at all (a plain sample is its own only expansion). */
export function usesGrammar(line: string): boolean {
  return /[()[\]|<>]/.test(line);
}
