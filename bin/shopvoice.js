#!/usr/bin/env node
// The published entry: the compiled CLI (npm install builds it through "prepare"). `npm run build`
// also bundles it (scripts/bundle-server.mjs), which starts faster; the bundle is used only while it
// is at least as new as the compiled modules, so a `tsc` run on its own is never shadowed by an
// older bundle.
import { statSync } from 'node:fs';

const modules = new URL('../dist/cli/main.js', import.meta.url);
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const { runCli } = await import((mtime(bundle) >= mtime(modules) ? bundle : modules).href);

await runCli(process.argv.slice(2));
