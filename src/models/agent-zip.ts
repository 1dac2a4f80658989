import yazl from 'yazl';
import { DIALOGFLOW_AGENT_DIR, type GeneratedFile } from './build-models.js';

/**
 * A fixed entry time. yazl writes DOS timestamps from the Date's local fields, so a local
 * date gives the same bytes in every time zone.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/**
 * Packs the agent folder into the zip that Dialogflow's restore/import accepts: entries at the
 * zip root (`agent.json`, `intents/…`), sorted, with fixed timestamps and modes, so the same
 * files always give the same bytes.
 *
 * @example const zip = await zipAgent(await readAgentFiles('interaction-models'));
 */
export function zipAgent(files: readonly GeneratedFile[]): Promise<Buffer> {
  const prefix = `${DIALOGFLOW_AGENT_DIR}/`;
  const zip = new yazl.ZipFile();
  for (const file of [...files].filter((f) => f.path.startsWith(prefix)).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    zip.addBuffer(Buffer.from(file.content, 'utf8'), file.path.slice(prefix.length), {
      mtime: FIXED_MTIME,
      mode: 0o100644,
      compress: true,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
