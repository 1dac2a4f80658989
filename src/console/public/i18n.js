// The console's words in German and English. Elements name their text with data-i18n="key".
const TEXT = {
  en: {
    title: 'shopvoice console', login: 'Log in', password: 'Password', loginFailed: 'Wrong password.', logout: 'Log out',
    simulator: 'Simulator', dashboard: 'Dashboard', notes: 'Hand-offs and feedback',
    say: 'Sentence', send: 'Send', speak: 'Speak', listening: 'Listening…', launch: 'Open the skill', newSession: 'New session',
    locale: 'Locale', account: 'Account token', clock: 'Clock (ISO 8601)', intent: 'Intent', recognised: 'Recognised',
    sure: 'sure', runnerUps: 'runner-ups', slots: 'Slots', speech: 'Speech', reprompt: 'Reprompt', card: 'Card', session: 'Session',
    play: 'Play', ended: 'ended', open: 'open', request: 'Request', response: 'Response', none: '(none)',
    script: 'Conversation script', runScript: 'Run script', passed: 'passed', failed: 'failed', skipped: 'skipped',
    from: 'From', to: 'To', refresh: 'Refresh', total: 'Total', perDay: 'Per day', rates: 'Rates', latency: 'Response time (ms)',
    ordersRevenue: 'Orders and revenue (€)', taskCompletion: 'Task completion', attempted: 'tried', completed: 'done',
    product: 'Product', count: 'Count', sentence: 'Sentence', addSample: 'Add as sample', added: 'added', exists: 'already there',
    time: 'Time', kind: 'Kind', where: 'Platform', score: 'Score', note: 'Note', done: 'Done', markDone: 'Mark done',
    showDone: 'Show done', callback: 'Call back', feedback: 'Feedback', nothing: 'Nothing here.', error: 'Error',
  },
  de: {
    title: 'shopvoice-Konsole', login: 'Anmelden', password: 'Passwort', loginFailed: 'Falsches Passwort.', logout: 'Abmelden',
    simulator: 'Simulator', dashboard: 'Kennzahlen', notes: 'Übergaben und Feedback',
    say: 'Satz', send: 'Senden', speak: 'Sprechen', listening: 'Ich höre…', launch: 'Skill öffnen', newSession: 'Neue Sitzung',
    locale: 'Sprache', account: 'Konto-Token', clock: 'Uhrzeit (ISO 8601)', intent: 'Intent', recognised: 'Erkannt',
    sure: 'sicher', runnerUps: 'weitere Kandidaten', slots: 'Slots', speech: 'Antwort', reprompt: 'Nachfrage', card: 'Karte', session: 'Sitzung',
    play: 'Abspielen', ended: 'beendet', open: 'offen', request: 'Anfrage', response: 'Antwort (JSON)', none: '(keine)',
    script: 'Gesprächsskript', runScript: 'Skript ausführen', passed: 'bestanden', failed: 'fehlgeschlagen', skipped: 'übersprungen',
    from: 'Von', to: 'Bis', refresh: 'Aktualisieren', total: 'Gesamt', perDay: 'Pro Tag', rates: 'Quoten', latency: 'Antwortzeit (ms)',
    ordersRevenue: 'Bestellungen und Umsatz (€)', taskCompletion: 'Aufgaben erledigt', attempted: 'versucht', completed: 'erledigt',
    product: 'Produkt', count: 'Anzahl', sentence: 'Satz', addSample: 'Als Beispielsatz übernehmen', added: 'übernommen', exists: 'schon vorhanden',
    time: 'Zeit', kind: 'Art', where: 'Plattform', score: 'Bewertung', note: 'Notiz', done: 'Erledigt', markDone: 'Als erledigt markieren',
    showDone: 'Erledigte zeigen', callback: 'Rückruf', feedback: 'Feedback', nothing: 'Nichts da.', error: 'Fehler',
  },
};

/** The console's language: the one chosen before, else the browser's. */
export function language() {
  const chosen = localStorage.getItem('shopvoice.lang');
  if (chosen === 'de' || chosen === 'en') return chosen;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function setLanguage(lang) {
  localStorage.setItem('shopvoice.lang', lang);
}

/** The text of a key in the current language. */
export function t(key) {
  return TEXT[language()][key] ?? key;
}

/** Fills every [data-i18n] element below `root` and sets the page language. */
export function translate(root = document) {
  document.documentElement.lang = language();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}

/** Creates an element with attributes and children (text or elements). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) el.append(child instanceof Node ? child : String(child));
  return el;
}
