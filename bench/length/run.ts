// Words per answer, per intent and locale (p50 and max), over every answer the domain gives
// (bench/length/answer-scenarios.ts). `npm run bench:length`; `--json` prints the rows as JSON.
import { SUPPORTED_LOCALES } from '../../src/domain/turn.js';
import { lengthReport } from './length-report.js';
import { runAnswerScenarios } from './answer-scenarios.js';

const answers = await runAnswerScenarios(SUPPORTED_LOCALES);
const rows = lengthReport(answers);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows));
} else {
  console.log('intent                       locale  address  answers  p50  max  longest');
  for (const r of rows) {
    console.log(`${r.intent.padEnd(28)} ${r.locale.padEnd(7)} ${r.address.padEnd(8)} ${String(r.answers).padStart(7)} ${String(r.p50).padStart(4)} ${String(r.max).padStart(4)}  ${r.longest.slice(0, 90)}`);
  }
  const over = rows.filter((r) => r.max > r.limit);
  console.log(`\n${answers.length} answers; over their limit: ${over.length === 0 ? 'none' : over.map((r) => `${r.intent} ${r.locale} ${r.max}`).join(', ')}`);
}
