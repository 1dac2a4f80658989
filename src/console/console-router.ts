import { DateTime } from 'luxon';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { KPI_DEFINITIONS } from '../analytics/kpi-definitions.js';
import { computeKpis, kpiRange } from '../analytics/kpis.js';
import type { Logger } from '../domain/deps.js';
import type { StateStore } from '../state/state-store.js';
import { addSample, sourceIntents } from './add-sample.js';
import { chartJsFile, consolePublicDir } from './console-assets.js';
import { sameOrigin, securityHeaders } from './console-security.js';
import { consoleSessions, cookieValue, COOKIE, SECURE_COOKIE, SESSION_MS, type ConsoleSession } from './console-session.js';
import { consoleSimulator, SimulatorInputError, type SimulatorDeps } from './simulator-api.js';

export interface ConsoleDeps {
  /** `SHOPVOICE_CONSOLE_PASSWORD`. Without it the console is off: every path answers 503 "console disabled". */
  password?: string;
  state: Pick<StateStore, 'turnEvents' | 'listCallbacks' | 'markCallbackDone'>;
  simulator: SimulatorDeps;
  /** `interaction-models/source`: where "add as sample" writes. */
  modelSourceDir: string;
  /** The clock of logins, the dashboard's default days and "done" times (tests pin it). */
  now: () => Date;
  log: Logger;
  /** The shop's time zone for KPI days (default Europe/Berlin). */
  timeZone?: string;
  /** Mark the cookie Secure even on plain HTTP (behind a proxy that terminates TLS). */
  secureCookies?: boolean;
}

type Locals = { session: ConsoleSession };

/**
 * The web console under `/console`: log-in, the simulator, the KPI dashboard and the staff's
 * callback and feedback list. Pages are static files (`public/`); data comes from the JSON API
 * below `/console/api`, which needs the login cookie, and every POST the session's CSRF token
 * (`x-csrf-token`) and a same-origin request.
 *
 * @example app.use('/console', createConsoleRouter({ password: config.consolePassword, state, simulator, modelSourceDir, now: () => new Date(), log }));
 */
export function createConsoleRouter(deps: ConsoleDeps): Router {
  const router = express.Router();
  router.use(securityHeaders);
  const password = deps.password?.trim();
  if (!password) {
    router.use((_req, res) => void res.status(503).type('text/plain').send('console disabled: set SHOPVOICE_CONSOLE_PASSWORD'));
    return router;
  }
  const sessions = consoleSessions(password, deps.now);
  const simulator = consoleSimulator(deps.simulator);
  const zone = deps.timeZone ?? 'Europe/Berlin';
  const secure = (req: Request) => req.secure || deps.secureCookies === true;
  const cookieName = (req: Request) => (secure(req) ? SECURE_COOKIE : COOKIE);
  const sessionOf = (req: Request) => sessions.read(cookieValue(req.headers.cookie, cookieName(req)));
  const publicDir = consolePublicDir();
  // Guessing is slowed down: after 10 wrong passwords within a minute, logins wait for the next minute.
  let failures: number[] = [];

  router.get('/vendor/chart.umd.min.js', (_req, res) => res.sendFile(chartJsFile(), { maxAge: '1d' }));
  router.get(['/', '/index.html'], (req, res) => {
    // Relative links of the page need the trailing slash: /console → /console/.
    if (req.path === '/' && !req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, `${req.baseUrl}/`);
    if (!sessionOf(req)) return res.redirect(303, `${req.baseUrl}/login`);
    res.setHeader('cache-control', 'no-store');
    res.sendFile('index.html', { root: publicDir });
  });
  router.get('/login', (_req, res) => res.sendFile('login.html', { root: publicDir }));
  router.use(express.static(publicDir, { index: false, maxAge: 0 }));

  router.post('/login', express.urlencoded({ extended: false, limit: '4kb' }), express.json({ limit: '4kb' }), (req, res) => {
    if (!sameOrigin(req)) return res.status(403).json({ error: 'cross-site request refused' });
    const at = deps.now().getTime();
    failures = failures.filter((t) => at - t < 60_000);
    if (failures.length >= 10) return res.status(429).type('text/plain').send('too many failed logins: try again in a minute');
    if (!sessions.passwordMatches((req.body as { password?: unknown } | undefined)?.password)) {
      failures.push(at);
      deps.log.warn({ event: 'console.login.failed' }, 'console login failed');
      return res.redirect(303, `${req.baseUrl}/login?failed=1`);
    }
    const { cookie } = sessions.issue();
    res.cookie(cookieName(req), cookie, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secure(req),
      path: secure(req) ? '/' : req.baseUrl || '/',
      maxAge: SESSION_MS,
    });
    res.redirect(303, `${req.baseUrl}/`);
  });

  const api = express.Router();
  api.use((req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    res.setHeader('cache-control', 'no-store');
    const session = sessionOf(req);
    if (!session) return void res.status(401).json({ error: 'log in first' });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (!sameOrigin(req)) return void res.status(403).json({ error: 'cross-site request refused' });
      if (!sessions.csrfMatches(session, req.headers['x-csrf-token'])) return void res.status(403).json({ error: 'missing or wrong CSRF token' });
    }
    res.locals.session = session;
    next();
  });
  api.use(express.json({ limit: '200kb' }));

  api.get('/me', (_req, res: Response<unknown, Locals>) =>
    void res.json({ csrf: res.locals.session.csrf, expires: res.locals.session.expires, now: DateTime.fromJSDate(deps.now(), { zone }).toISO() }));
  api.post('/logout', (req, res) => {
    res.clearCookie(cookieName(req), { path: secure(req) ? '/' : req.baseUrl.replace(/\/api$/, '') || '/' });
    res.json({ ok: true });
  });

  api.post('/simulate', async (req, res: Response<unknown, Locals>) => void res.json(await simulator.turn(res.locals.session.id, req.body ?? {})));
  api.post('/script', async (req, res) => {
    const { yaml, clock } = (req.body ?? {}) as { yaml?: unknown; clock?: unknown };
    if (typeof yaml !== 'string' || typeof clock !== 'string') throw new SimulatorInputError('yaml and clock are required');
    res.json(await simulator.script(yaml, clock));
  });

  api.get('/kpis', async (req, res) => {
    const today = DateTime.fromJSDate(deps.now(), { zone });
    const to = typeof req.query.to === 'string' && req.query.to ? req.query.to : today.toISODate()!;
    const from = typeof req.query.from === 'string' && req.query.from ? req.query.from : DateTime.fromISO(to, { zone }).minus({ days: 13 }).toISODate() ?? to;
    let range;
    try {
      range = kpiRange(from, to, zone);
    } catch (err) {
      throw new SimulatorInputError((err as Error).message);
    }
    res.json({ report: computeKpis(await deps.state.turnEvents(range), { from, to, timeZone: zone }), definitions: KPI_DEFINITIONS });
  });
  api.get('/intents', async (req, res) => void res.json({ intents: await sourceIntents(deps.modelSourceDir, String(req.query.lang ?? '')) }));
  api.post('/samples', async (req, res) => {
    const { lang, intent, sentence } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof lang !== 'string' || typeof intent !== 'string' || typeof sentence !== 'string') throw new SimulatorInputError('lang, intent and sentence are required');
    try {
      res.json(await addSample(deps.modelSourceDir, lang, intent, sentence));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code) throw err;
      throw new SimulatorInputError((err as Error).message);
    }
  });

  api.get('/notes', async (req, res) => void res.json({ notes: await deps.state.listCallbacks({ includeDone: req.query.all === '1' }) }));
  api.post('/notes/:id/done', async (req, res) => {
    const done = await deps.state.markCallbackDone(String(req.params.id), deps.now());
    res.status(done ? 200 : 404).json({ done });
  });

  api.use((_req, res) => void res.status(404).json({ error: 'not found' }));
  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof SimulatorInputError) return void res.status(400).json({ error: err.message });
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) return void res.status(status).json({ error: 'bad request' });
    deps.log.error({ event: 'console.failed', err }, 'console request failed');
    res.status(500).json({ error: 'internal error' });
  });
  router.use('/api', api);
  return router;
}
