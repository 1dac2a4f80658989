// Hand-offs and feedback screen: callback requests and feedback, newest first, marked done by staff.
import { get, post } from './api.js';
import { h, language, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let wired = false;

function when(at) {
  return new Intl.DateTimeFormat(language() === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(at));
}

async function render() {
  const { notes } = await get(`notes${$('notes-all').checked ? '?all=1' : ''}`);
  if (notes.length === 0) {
    $('notes-list').replaceChildren(h('p', {}, t('nothing')));
    return;
  }
  const rows = notes.map((n) => h('tr', { 'data-note': n.id, class: n.doneAt ? 'done' : '' },
    h('td', {}, when(n.at)),
    h('td', {}, n.kind === 'callback' ? t('callback') : t('feedback')),
    h('td', {}, `${n.platform} ${n.locale}`),
    h('td', {}, n.score === undefined ? '' : `${n.score} / 5`),
    h('td', {}, n.note ?? ''),
    h('td', {}, n.doneAt ? `${t('done')} ${when(n.doneAt)}` : h('button', { type: 'button', class: 'small', onclick: async () => {
      await post(`notes/${encodeURIComponent(n.id)}/done`);
      await render();
    } }, t('markDone'))),
  ));
  $('notes-list').replaceChildren(h('table', {},
    h('thead', {}, h('tr', {}, [t('time'), t('kind'), t('where'), t('score'), t('note'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

export async function showNotes() {
  if (!wired) {
    wired = true;
    $('notes-all').addEventListener('change', () => render().catch((err) => console.warn(err)));
  }
  await render();
}
