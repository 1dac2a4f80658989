// The console page: three screens behind the tabs, German or English, logged in.
import { me, post } from './api.js';
import { setLanguage, translate } from './i18n.js';
import { showDashboard } from './dashboard.js';
import { showNotes } from './notes.js';
import { startSimulator } from './simulator.js';

const SCREENS = { simulator: startSimulator, dashboard: showDashboard, notes: showNotes };

function show() {
  const name = Object.hasOwn(SCREENS, location.hash.slice(1)) ? location.hash.slice(1) : 'simulator';
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== name;
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('current', link.dataset.screen === name);
  SCREENS[name]().catch((err) => console.warn(err));
}

for (const lang of ['de', 'en']) {
  document.getElementById(`lang-${lang}`).addEventListener('click', () => {
    setLanguage(lang);
    location.reload();
  });
}
document.getElementById('logout').addEventListener('click', async () => {
  await post('logout');
  location.href = 'login';
});
window.addEventListener('hashchange', show);

translate();
await me();
show();
