/** The login page's words; they are a web page's, not speech, so they live here rather than in locales/. */
const TEXTS = {
  de: {
    title: 'Mit {shop} verbinden',
    intro: '{client} möchte auf dein Kundenkonto bei {shop} zugreifen, um dir Bestellungen vorzulesen und nachzubestellen. Melde dich mit der E-Mail-Adresse und dem Passwort deines Kundenkontos an.',
    email: 'E-Mail-Adresse',
    password: 'Passwort',
    submit: 'Anmelden und verbinden',
    invalid: 'E-Mail-Adresse oder Passwort stimmen nicht. Bitte versuch es noch einmal.',
    throttledTitle: 'Zu viele Versuche',
    throttled: 'Es gab zu viele fehlgeschlagene Anmeldungen. Bitte warte {minutes} Minuten und versuch es dann noch einmal.',
    unavailable: 'Der Shop antwortet gerade nicht. Bitte versuch es in ein paar Minuten noch einmal.',
    errorTitle: 'Verbindung nicht möglich',
    unknown_client: 'Diese Anfrage kommt von keiner bekannten App. Bitte starte die Verknüpfung in der Alexa- oder Google-App neu.',
    bad_redirect_uri: 'Diese Anfrage nennt ein unbekanntes Ziel. Bitte starte die Verknüpfung in der Alexa- oder Google-App neu.',
    invalid_request: 'Diese Anfrage ist unvollständig. Bitte starte die Verknüpfung in der Alexa- oder Google-App neu.',
    csrf: 'Das Formular ist abgelaufen. Bitte starte die Verknüpfung in der Alexa- oder Google-App neu.',
  },
  en: {
    title: 'Connect with {shop}',
    intro: '{client} would like to use your {shop} customer account to read you your orders and order again. Sign in with your customer account\'s e-mail address and password.',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Sign in and connect',
    invalid: 'The e-mail address or the password is not right. Please try again.',
    throttledTitle: 'Too many attempts',
    throttled: 'There were too many failed sign-ins. Please wait {minutes} minutes and try again.',
    unavailable: 'The shop is not answering right now. Please try again in a few minutes.',
    errorTitle: 'Cannot connect',
    unknown_client: 'This request does not come from an app we know. Please start linking again in the Alexa or Google app.',
    bad_redirect_uri: 'This request names an unknown destination. Please start linking again in the Alexa or Google app.',
    invalid_request: 'This request is incomplete. Please start linking again in the Alexa or Google app.',
    csrf: 'The form has expired. Please start linking again in the Alexa or Google app.',
  },
} as const;

export type PageLanguage = keyof typeof TEXTS;
export type PageText = keyof (typeof TEXTS)['de'];

/** German when the browser prefers it (Accept-Language, by q-value), English otherwise. */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  const ranked = (acceptLanguage ?? '').split(',').map((part, i) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
  }).filter((l) => l.tag && l.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'de' || tag.startsWith('de-')) return 'de';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function say(language: PageLanguage, key: PageText, values: Record<string, string> = {}): string {
  return TEXTS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

function page(language: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/oauth/login.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface LoginPageInput {
  language: PageLanguage;
  shopName: string;
  clientName: string;
  /** The authorization request's parameters, carried through the form as hidden fields. */
  hidden: Record<string, string>;
  csrfToken: string;
  email?: string;
  problem?: 'invalid' | 'unavailable';
}

/** The login form: no script at all, posts to itself; every value escaped. */
export function loginPage(input: LoginPageInput): string {
  const { language: l } = input;
  const values = { shop: input.shopName, client: input.clientName };
  const hidden = Object.entries({ ...input.hidden, csrf_token: input.csrfToken })
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('\n');
  const problem = input.problem ? `<p class="problem" role="alert">${escapeHtml(say(l, input.problem))}</p>\n` : '';
  return page(l, say(l, 'title', values), `<h1>${escapeHtml(say(l, 'title', values))}</h1>
<p>${escapeHtml(say(l, 'intro', values))}</p>
${problem}<form method="post" action="/oauth/authorize">
${hidden}
<label for="email">${escapeHtml(say(l, 'email'))}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(input.email ?? '')}">
<label for="password">${escapeHtml(say(l, 'password'))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(say(l, 'submit'))}</button>
</form>`);
}

/** A page that only explains (an error, the rate limit): nothing to submit. */
export function messagePage(language: PageLanguage, title: PageText, message: PageText, values: Record<string, string> = {}): string {
  return page(language, say(language, title, values), `<h1>${escapeHtml(say(language, title, values))}</h1>
<p class="problem" role="alert">${escapeHtml(say(language, message, values))}</p>`);
}

/** The page's only style sheet, served from `/oauth/login.css` (the CSP allows no inline style). */
export const LOGIN_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f5f4;color:#1c1917}
main{max-width:26rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.5rem}
h1{font-size:1.4rem;margin-top:0}label{display:block;margin-top:1rem;font-weight:600}
input[type=email],input[type=password]{box-sizing:border-box;width:100%;padding:.6rem;font:inherit;border:1px solid #a8a29e;border-radius:.3rem}
button{margin-top:1.5rem;width:100%;padding:.7rem;font:inherit;font-weight:600;color:#fff;background:#166534;border:0;border-radius:.3rem}
.problem{color:#991b1b;font-weight:600}
`;
