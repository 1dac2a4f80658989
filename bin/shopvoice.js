#!/usr/bin/env node
// The published entry: the compiled CLI (npm install builds it through "prepare").
import { runCli } from '../dist/cli/main.js';

await runCli(process.argv.slice(2));
