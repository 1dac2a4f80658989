import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

// design.md, "Layout": a folder of src/ is a room, and imports point one way. This test reads every
// import of src/ (static, type-only, re-exports, import(), import types, require) and checks the
// room rules, the package rules and that no module takes part in an import cycle.

const root = new URL('../../', import.meta.url).pathname;

interface ImportSite {
  file: string;
  line: number;
  specifier: string;
  /** The imported file (relative to the repository) for a relative specifier. */
  target?: string;
  kind: 'value' | 'type' | 'dynamic' | 'require';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file names: static and type imports, re-exports, import(), import types, require(). */
function importsOf(path: string): ImportSite[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, literal: ts.Node | undefined, kind: ImportSite['kind']) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const specifier = literal.text;
    const target = specifier.startsWith('.') ? relative(root, resolve(dirname(path), specifier.replace(/\.js$/, '.ts'))) : undefined;
    sites.push({ file: relative(root, path), line, specifier, target, kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const onlyTypes = clause !== undefined && (clause.isTypeOnly ||
        (clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, onlyTypes ? 'type' : 'value');
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly ? 'type' : 'value');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, 'type');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], 'dynamic');
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      add(node, node.arguments[0], 'require');
    } else if (ts.isCallExpression(node) && ts.isCallExpression(node.expression) && ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'createRequire') {
      add(node, node.arguments[0], 'require');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

const files = sourceFiles(join(root, 'src')).map((f) => relative(root, f));
const all = files.flatMap((f) => importsOf(join(root, f)));
const local = all.filter((s) => s.target !== undefined);
const packages = all.filter((s) => s.target === undefined && !s.specifier.startsWith('node:'));
const show = (sites: ImportSite[]) => sites.map((s) => `${s.file}:${s.line} ${s.kind} '${s.specifier}'`).join('\n');

/** The room of a file: its folder under src/, or the top-level file's name (`config`, `remember`). */
const roomOf = (file: string) => file.split('/')[1]!.replace(/\.ts$/, '');

/**
 * Which rooms each room may import from (design.md, "Layout"). server/ and cli/ wire everything
 * together; nothing imports cli/. The simulator drives the real adapters and the server's
 * composition; models read the domain's intents and the catalog. config and remember are leaves,
 * and so is text/ (the one letter folding and number-word reader), which every room may use.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: ['catalog', 'state', 'i18n', 'remember', 'text'],
  catalog: ['config', 'remember', 'text'],
  state: ['config', 'remember', 'text'],
  // The one edge against the grain: the locale type lives in domain/turn.ts (types only, checked below).
  i18n: ['domain', 'remember', 'text'],
  platforms: ['domain', 'i18n', 'text'],
  models: ['domain', 'catalog', 'config', 'i18n', 'remember', 'text'],
  simulator: ['domain', 'platforms', 'server', 'models', 'catalog', 'state', 'i18n', 'config', 'remember', 'text'],
  server: ['domain', 'platforms', 'catalog', 'state', 'i18n', 'config', 'remember', 'console', 'analytics', 'notifications', 'account-linking', 'text'],
  // Account linking (shopvoice's OAuth server for Shopware customers) logs in through the Shopware adapter.
  'account-linking': ['catalog', 'config', 'remember', 'text'],
  // The console's simulator page drives the simulator.
  console: ['domain', 'catalog', 'state', 'i18n', 'analytics', 'simulator', 'config', 'remember', 'text'],
  analytics: ['domain', 'state', 'remember', 'text'],
  notifications: ['domain', 'catalog', 'state', 'config', 'remember', 'text'],
  cli: ['domain', 'platforms', 'server', 'models', 'simulator', 'catalog', 'state', 'i18n', 'config', 'remember', 'console', 'analytics', 'notifications', 'account-linking', 'text'],
  config: [],
  remember: [],
  text: [],
};

/** The domain uses the catalog and the state store only through their ports. */
const PORTS = new Set(['src/catalog/commerce.ts', 'src/catalog/shop-error.ts', 'src/state/state-store.ts']);

/** Strongly connected components of the file graph with more than one file (Tarjan). */
function importCycles(edges: ImportSite[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const e of edges) graph.set(e.file, [...(graph.get(e.file) ?? []), e.target!]);
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return cycles;
}

describe('design.md\'s room rules, read from the imports of src/', () => {
  it('the scan sees the imports that are there', () => {
    assert.ok(files.length > 100, `${files.length} files`);
    assert.ok(local.some((s) => s.file === 'src/server/app.ts' && s.target === 'src/server/express-app.ts' && s.kind === 'dynamic'), 'the lazy import of express-app');
    assert.ok(local.some((s) => s.file === 'src/domain/handle-turn.ts' && s.target === 'src/catalog/shop-error.ts'), 'the domain\'s import of ShopError');
    assert.ok(all.some((s) => s.kind === 'type'), 'type-only imports');
  });

  it('every room imports only from the rooms it may use', () => {
    const rooms = new Set(files.map(roomOf));
    for (const room of rooms) assert.ok(room in MAY_IMPORT, `src/${room} is not a room of design.md; add it to MAY_IMPORT`);
    const wrong = local.filter((s) => roomOf(s.file) !== roomOf(s.target!) && !MAY_IMPORT[roomOf(s.file)]!.includes(roomOf(s.target!)));
    assert.deepEqual(wrong, [], `imports against the rules:\n${show(wrong)}`);
  });

  it('nothing imports cli/', () => {
    const into = local.filter((s) => roomOf(s.target!) === 'cli' && roomOf(s.file) !== 'cli');
    assert.deepEqual(into, [], show(into));
  });

  it('the domain reaches the catalog and the state store only through their ports', () => {
    const beyond = local.filter((s) => roomOf(s.file) === 'domain' && ['catalog', 'state'].includes(roomOf(s.target!)) && !PORTS.has(s.target!));
    assert.deepEqual(beyond, [], show(beyond));
  });

  it('the catalog does not import the domain: ShopError, its codes and Language are the port\'s own vocabulary', () => {
    const back = local.filter((s) => roomOf(s.file) === 'catalog' && roomOf(s.target!) === 'domain');
    assert.deepEqual(back, [], show(back));
  });

  it('i18n takes only types from the domain, and only from turn.ts', () => {
    const back = local.filter((s) => roomOf(s.file) === 'i18n' && roomOf(s.target!) === 'domain' && (s.kind !== 'type' || s.target !== 'src/domain/turn.ts'));
    assert.deepEqual(back, [], show(back));
  });

  it('the Lambda entry points are composition roots in server/', () => {
    const lambdas = files.filter((f) => /lambda/i.test(f));
    assert.deepEqual(lambdas, ['src/server/lambda.ts']);
  });

  it('no import cycles, type-only imports included', () => {
    const cycles = importCycles(local);
    assert.deepEqual(cycles, [], `import cycles:\n${cycles.map((c) => c.join(' → ')).join('\n')}`);
  });
});

describe('libraries: public entries only, each in its place', () => {
  it('no deep import into a package\'s build output', () => {
    const deep = packages.filter((s) => /\/(dist|lib|build|src)\//.test(s.specifier));
    assert.deepEqual(deep, [], show(deep));
  });

  it('the domain never imports express, ask-sdk or actions-on-google, nor any server library', () => {
    const domainPackages = new Set(packages.filter((s) => roomOf(s.file) === 'domain').map((s) => s.specifier));
    for (const name of domainPackages) assert.ok(['luxon', 'i18next'].includes(name), `domain imports ${name}`);
  });

  it('the platforms never load express (it serves everything else), nor a database or the logger', () => {
    const wrong = packages.filter((s) => roomOf(s.file) === 'platforms' && /^(express|pino|prom-client|better-sqlite3|pg)$/.test(s.specifier));
    assert.deepEqual(wrong, [], show(wrong));
  });

  it('actions-on-google and googleapis are not on any request path: their main entry loads most of a second (bench/NOTES.md)', () => {
    const google = all.filter((s) => /^(actions-on-google|googleapis)(\/|$)/.test(s.specifier));
    assert.deepEqual(google, [], show(google));
  });
});
