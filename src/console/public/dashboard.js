// Dashboard screen: the KPIs of the chosen days as tiles (each with its definition) and charts,
// the task completion, the products not found and the sentences not understood.
import { get, now, post } from './api.js';
import { h, language, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const charts = {};
let wired = false;

const TILES = [
  ['conversations', 'count'], ['turnsPerConversation', 'decimal'], ['containment', 'percent'], ['fallbackRate', 'percent'],
  ['handoffRate', 'percent'], ['abandonment', 'percent'], ['csat', 'percent'], ['p50Ms', 'ms'], ['p95Ms', 'ms'],
  ['orders', 'count'], ['revenueCents', 'euro'], ['reorderConversion', 'percent'],
];

function format(value, kind) {
  if (value === null || value === undefined) return '–';
  const locale = language() === 'de' ? 'de-DE' : 'en-GB';
  if (kind === 'percent') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (kind === 'euro') return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(value / 100);
  if (kind === 'decimal') return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  if (kind === 'ms') return `${new Intl.NumberFormat(locale).format(value)} ms`;
  return new Intl.NumberFormat(locale).format(value);
}

const name = (definitions, key) => definitions[key][language()][0];
const meaning = (definitions, key) => definitions[key][language()][1];

function chart(id, type, labels, datasets, options = {}) {
  charts[id]?.destroy();
  charts[id] = new window.Chart($(id), { type, data: { labels, datasets }, options: { animation: false, responsive: true, maintainAspectRatio: false, ...options } });
}

function drawCharts(report, definitions) {
  const days = report.days.map((d) => d.day);
  const series = (key, scale = 1) => report.days.map((d) => (d[key] === null ? null : d[key] * scale));
  chart('chart-conversations', 'bar', days, [{ label: name(definitions, 'conversations'), data: series('conversations') }]);
  chart('chart-rates', 'line', days, ['containment', 'fallbackRate', 'handoffRate', 'abandonment', 'csat'].map((key) => ({ label: name(definitions, key), data: series(key, 100), spanGaps: true })),
    { scales: { y: { min: 0, max: 100 } } });
  chart('chart-latency', 'line', days, [{ label: 'p50', data: series('p50Ms') }, { label: 'p95', data: series('p95Ms') }]);
  chart('chart-orders', 'bar', days, [
    { label: name(definitions, 'orders'), data: series('orders'), yAxisID: 'y' },
    { label: name(definitions, 'revenueCents'), data: series('revenueCents', 0.01), yAxisID: 'euro', type: 'line' },
  ], { scales: { y: { beginAtZero: true }, euro: { position: 'right', beginAtZero: true } } });
}

function table(head, rows) {
  if (rows.length === 0) return h('p', {}, t('nothing'));
  return h('table', {}, h('thead', {}, h('tr', {}, head.map((c) => h('th', {}, c)))), h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

async function sampleButton(sentence, locale) {
  const lang = locale.slice(0, 2);
  const { intents } = await get(`intents?lang=${lang}`);
  const select = h('select', { 'aria-label': t('intent') }, intents.map((i) => h('option', {}, i)));
  const status = h('span', { class: 'status' });
  const button = h('button', { type: 'button', class: 'small', onclick: async () => {
    try {
      const answer = await post('samples', { lang, intent: select.value, sentence });
      status.textContent = answer.added ? t('added') : t('exists');
    } catch (err) {
      status.textContent = `${t('error')}: ${err.message}`;
    }
  } }, t('addSample'));
  return h('span', {}, select, ' ', button, ' ', status);
}

async function render() {
  const { report, definitions } = await get(`kpis?from=${$('kpi-from').value}&to=${$('kpi-to').value}`);
  $('kpi-tiles').replaceChildren(...TILES.map(([key, kind]) => h('div', { class: 'tile', 'data-kpi': key },
    h('span', { class: 'value' }, format(report.total[key], kind)), h('span', { class: 'name' }, name(definitions, key)), h('small', {}, meaning(definitions, key)))));
  drawCharts(report, definitions);
  const tasks = Object.entries(report.total.taskCompletion).map(([intent, c]) => [intent, format(c.rate, 'percent'), `${c.completed} ${t('completed')} / ${c.attempted} ${t('attempted')}`]);
  const sentences = await Promise.all(report.fallbackSentences.map(async (s) => [s.sentence, s.locale, String(s.count), await sampleButton(s.sentence, s.locale)]));
  $('kpi-tables').replaceChildren(
    h('h2', {}, name(definitions, 'taskCompletion')), h('p', { class: 'definition' }, meaning(definitions, 'taskCompletion')),
    table([t('intent'), '', ''], tasks),
    h('h2', {}, name(definitions, 'notFoundProducts')), h('p', { class: 'definition' }, meaning(definitions, 'notFoundProducts')),
    h('div', { 'data-testid': 'not-found' }, table([t('product'), t('locale'), t('count')], report.notFoundProducts.map((p) => [p.product, p.locale, String(p.count)]))),
    h('h2', {}, name(definitions, 'fallbackSentences')), h('p', { class: 'definition' }, meaning(definitions, 'fallbackSentences')),
    h('div', { 'data-testid': 'fallbacks' }, table([t('sentence'), t('locale'), t('count'), ''], sentences)),
  );
}

/** Shows the dashboard; the default days are the last two weeks up to the server's today. */
export async function showDashboard() {
  if (!wired) {
    wired = true;
    const today = now().slice(0, 10);
    const from = new Date(`${today}T12:00:00Z`);
    from.setUTCDate(from.getUTCDate() - 13);
    $('kpi-to').value = today;
    $('kpi-from').value = from.toISOString().slice(0, 10);
    $('kpi-form').addEventListener('submit', (event) => {
      event.preventDefault();
      render().catch((err) => console.warn(err));
    });
  }
  await render();
}
