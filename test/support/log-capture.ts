import { Writable } from 'node:stream';

/** A stream to hand a logger, and everything written to it so far: as text, and as parsed JSON lines. */
export function captureLog(): { sink: Writable; text: () => string; lines: () => Array<Record<string, any>> } {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { sink, text: () => text, lines: () => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>) };
}
