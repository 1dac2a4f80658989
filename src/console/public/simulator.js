// Simulator screen: each sentence goes to Alexa and Dialogflow at once; both answers side by side.
import { now, post } from './api.js';
import { h, t } from './i18n.js';

const EXAMPLE_SCRIPT = `name: console-example
locales: [de-DE]
clock: 2026-11-24T10:00:00+01:00
steps:
  - say: habt ihr bio hafermilch
    expect:
      intent: ProductLookupIntent
  - say: wann hat münchen am samstag offen
    expect:
      intent: StoreHoursIntent
`;

const $ = (id) => document.getElementById(id);
let conversation;
let started = false;

function speak(text, locale) {
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = locale;
  speechSynthesis.cancel();
  speechSynthesis.speak(utterance);
}

function slotList(slots) {
  const entries = Object.entries(slots).filter(([, s]) => s.value !== undefined);
  if (entries.length === 0) return t('none');
  return h('ul', {}, entries.map(([name, s]) => h('li', {}, h('code', {}, name), ` = "${s.value}"`, s.id ? ` → ${s.id}` : s.status === 'ER_SUCCESS_NO_MATCH' ? ' (no match)' : '')));
}

function json(value) {
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

function platformColumn(platform, turn, locale) {
  const sure = turn.recognised.confidence === null ? '' : ` (${Math.round(turn.recognised.confidence * 100)} % ${t('sure')})`;
  const runnerUps = turn.recognised.runnerUps.length ? `; ${t('runnerUps')}: ${turn.recognised.runnerUps.join(', ')}` : '';
  return h('div', { class: 'column', 'data-platform': platform },
    h('h3', {}, platform === 'alexa' ? 'Alexa' : 'Dialogflow'),
    h('dl', {},
      h('dt', {}, t('intent')), h('dd', { 'data-testid': 'turn-intent' }, turn.intent),
      h('dt', {}, t('recognised')), h('dd', { 'data-testid': 'turn-recognised' }, `${turn.recognised.by}${sure}${runnerUps}`),
      h('dt', {}, t('slots')), h('dd', {}, slotList(turn.slots)),
      h('dt', {}, t('speech')), h('dd', {}, h('span', { 'data-testid': 'turn-speech' }, turn.speech || t('none')), ' ',
        turn.speech && 'speechSynthesis' in window ? h('button', { type: 'button', class: 'small', onclick: () => speak(turn.speech, locale) }, t('play')) : ''),
      turn.reprompt ? [h('dt', {}, t('reprompt')), h('dd', {}, turn.reprompt)] : [],
      turn.card ? [h('dt', {}, t('card')), h('dd', { class: 'card' }, h('strong', {}, turn.card.title ?? ''), h('br'), turn.card.text ?? '')] : [],
      h('dt', {}, t('session')), h('dd', {}, turn.endSession ? t('ended') : t('open')),
    ),
    h('details', {}, h('summary', {}, t('request')), json(turn.request)),
    h('details', {}, h('summary', {}, t('response')), json(turn.response)),
  );
}

async function send(input) {
  $('sim-error').hidden = true;
  const locale = $('sim-locale').value;
  try {
    const answer = await post('simulate', { conversation, locale, accessToken: $('sim-account').value, clock: $('sim-clock').value, ...input });
    conversation = answer.conversation;
    const said = input.say ?? `(${t('launch')})`;
    $('sim-turns').prepend(h('article', { class: 'turn' }, h('p', { class: 'said' }, '» ', said),
      h('div', { class: 'columns' }, platformColumn('alexa', answer.turns.alexa, locale), platformColumn('google', answer.turns.google, locale))));
    if (answer.turns.alexa.endSession) conversation = undefined;
  } catch (err) {
    $('sim-error').textContent = `${t('error')}: ${err.message}`;
    $('sim-error').hidden = false;
  }
}

/** The browser's speech recognition, where it has one (Chromium: webkitSpeechRecognition). */
function setUpSpeaking() {
  const Recognition = window.SpeechRecognition ?? window.webkitSpeechRecognition;
  if (!Recognition) return;
  const button = $('sim-speak');
  button.hidden = false;
  button.addEventListener('click', () => {
    const recognition = new Recognition();
    recognition.lang = $('sim-locale').value;
    recognition.interimResults = false;
    button.textContent = t('listening');
    recognition.onresult = (event) => {
      $('sim-say').value = event.results[0][0].transcript;
      send({ say: $('sim-say').value });
    };
    recognition.onend = () => (button.textContent = t('speak'));
    recognition.start();
  });
}

async function runScript() {
  const out = $('script-result');
  out.replaceChildren(h('p', {}, '…'));
  try {
    const result = await post('script', { yaml: $('script-text').value, clock: $('sim-clock').value });
    const stepLine = (step) => `${step.label}: ${step.skipped ? t('skipped') : step.failures.length ? step.failures.join('; ') : `${step.intent} — ${step.speech}`}`;
    const runItem = (run) => h('li', { class: run.passed ? 'pass' : 'fail' }, `${run.platform} ${run.locale}: ${run.passed ? t('passed') : t('failed')}`,
      h('ul', {}, run.steps.map((step) => h('li', {}, stepLine(step)))));
    out.replaceChildren(
      h('p', { class: result.passed ? 'pass' : 'fail', 'data-testid': 'script-verdict' }, result.passed ? t('passed') : t('failed')),
      h('ul', {}, result.runs.map(runItem)),
    );
  } catch (err) {
    out.replaceChildren(h('p', { class: 'fail', 'data-testid': 'script-verdict' }, `${t('error')}: ${err.message}`));
  }
}

/** Wires the simulator screen once. */
export async function startSimulator() {
  if (started) return;
  started = true;
  $('sim-clock').value = now();
  $('script-text').value = EXAMPLE_SCRIPT;
  $('sim-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const say = $('sim-say').value.trim();
    if (say) send({ say });
  });
  $('sim-launch').addEventListener('click', () => send({ launch: true }));
  $('sim-new').addEventListener('click', () => {
    conversation = undefined;
    $('sim-turns').replaceChildren();
  });
  $('sim-locale').addEventListener('change', () => (conversation = undefined));
  $('script-run').addEventListener('click', runScript);
  setUpSpeaking();
}
