import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

// actions-on-google's main entry loads all of googleapis (most of a second at start); the Google
// route loads it on first use (design.md, "Choices"). Importing its Dialogflow service module
// directly (`actions-on-google/dist/service/dialogflow`) looks like a cheaper shortcut, but it is
// not the package's public API (a minor release may move it) and it still costs ~280 ms, so it must
// not creep in by accident; neither may a static import that loads the library with the server.
// test/google/lazy-load.test.ts checks at run time that the server does not load it before the
// first Google call; this test reads every import in src/, so a new one anywhere is caught.

const root = new URL('../../', import.meta.url).pathname;
const LIBRARY = 'actions-on-google';

interface ImportSite {
  file: string;
  line: number;
  specifier: string;
  kind: 'value' | 'type' | 'dynamic' | 'require';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file names: static and type imports, re-exports, import(), require(). */
function importsOf(path: string): ImportSite[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, kind: ImportSite['kind']) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    sites.push({ file: relative(root, path), line, specifier: literal.text, kind });
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

const all = sourceFiles(join(root, 'src')).flatMap(importsOf);
const show = (sites: ImportSite[]) => sites.map((s) => `${s.file}:${s.line} ${s.kind} '${s.specifier}'`).join('\n');

describe('the Google library is imported only through its public entry, and only lazily', () => {
  it('the scan sees the imports that are there (the lazy import of the Dialogflow app)', () => {
    const lazy = all.filter((s) => s.specifier === LIBRARY && s.kind === 'dynamic');
    assert.ok(lazy.length > 0, 'expected src/platforms/google to import actions-on-google with import()');
  });

  it('no module of actions-on-google is imported by its internal path, and googleapis not at all', () => {
    // The one exception: once the public entry has loaded, the Dialogflow app reaches into the
    // library's helper module to stop it serialising every request for a debug log that is off
    // (dialogflow-app.ts, `serializeOnlyForDebugOutput`); it costs no loading and survives the
    // module's absence.
    const patched = (s: ImportSite) =>
      s.file === 'src/platforms/google/dialogflow-app.ts' && s.kind === 'require' && s.specifier === `${LIBRARY}/dist/common.js`;
    const deep = all.filter((s) => (s.specifier.startsWith(`${LIBRARY}/`) && !patched(s)) || s.specifier === 'googleapis' || s.specifier.startsWith('googleapis/'));
    assert.deepEqual(deep, [], `deep or googleapis imports:\n${show(deep)}`);
    assert.equal(all.filter(patched).length, 1, 'the scan sees the one reach into the helper module');
  });

  it('actions-on-google is never loaded with the module that names it: type imports or import() only', () => {
    const eager = all.filter((s) => s.specifier === LIBRARY && (s.kind === 'value' || s.kind === 'require'));
    assert.deepEqual(eager, [], `static imports that would load it with the server:\n${show(eager)}`);
  });

  it('only the Google adapter loads it', () => {
    const elsewhere = all.filter((s) => s.specifier === LIBRARY && s.kind === 'dynamic' && !s.file.startsWith('src/platforms/google/'));
    assert.deepEqual(elsewhere, [], show(elsewhere));
  });
});
