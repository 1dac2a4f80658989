// What Alexa and Google would accept as SSML from us: one <speak> root, only the tags the
// domain writes, balanced, every "&" an entity, no markup smuggled in from customer text.

/** Tags the domain and the adapters write (speech.ts, to-alexa-response.ts). */
const ALLOWED = new Set(['speak', 'lang', 'say-as', 'break', 's', 'p', 'sub', 'emphasis', 'prosody']);

/** Returns a description of the first problem, or undefined when the SSML is clean. */
export function ssmlProblem(ssml: string): string | undefined {
  if (!ssml.startsWith('<speak>') || !ssml.endsWith('</speak>')) return 'not wrapped in <speak>';
  if (/<!|<\?|]]>/.test(ssml)) return 'declaration, CDATA or processing instruction';
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(ssml)) return 'bare &';
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(ssml)) return 'control character';
  const open: string[] = [];
  for (const match of ssml.matchAll(/<(\/?)([^\s/>]+)([^>]*)>|[<>]/g)) {
    if (match[0] === '<' || match[0] === '>') return `bare ${match[0]}`;
    const [, closing, name, rest] = match;
    if (!ALLOWED.has(name!)) return `tag <${name}>`;
    if (name === 'break' && /time="(\d+)s"/.test(rest!) && Number(/time="(\d+)s"/.exec(rest!)![1]) > 10) return 'break over 10 s';
    if (closing) {
      if (open.pop() !== name) return `unbalanced </${name}>`;
    } else if (!rest!.endsWith('/')) open.push(name!);
  }
  return open.length ? `unclosed <${open.join('>, <')}>` : undefined;
}
