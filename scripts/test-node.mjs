#!/usr/bin/env node
// Runs the Node-side tests (server/: mock backend, proxy) with Node's built-in runner.
// Node 20's `--test` takes no globs, so the files are listed here; tsx strips the types.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_TEST_DIRS } from './test-layout.mjs';

/** Every `*.test.ts` under a folder, sorted for a stable order. */
function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out.sort();
}

const files = NODE_TEST_DIRS.flatMap((dir) => (existsSync(dir) ? findTests(dir) : []));
if (files.length === 0) {
  console.log('No Node tests yet.\nℹ pass 0\nℹ fail 0');
  process.exit(0);
}
const extra = process.argv.slice(2);
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', ...extra, ...files],
  { stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
