/**
 * Size budgets of the script-tag bundle (.size-limit.js, size-limit with gzip), on the build that
 * `npm test` made: a page with the three elements idle, a page with only <task-stream>, everything
 * a page without sign-in can load (lazily loaded chunks included), and what "Sign in with Parallel"
 * adds on pages that use it, what a page in German adds (its catalog), and what batches (Parallel task groups) add on pages that use them. Each size is the sum of the gzip sizes of the files
 * such a page downloads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('the script-tag bundle stays within its size budgets (size-limit, gzip)', async () => {
  const result = await run(process.execPath, ['node_modules/size-limit/bin.js', '--json']).catch((e: { stdout: string }) => e);
  const checks = JSON.parse(result.stdout) as Array<{ name: string; passed: boolean; size: number; sizeLimit?: number }>;
  assert.equal(checks.length, 6);
  for (const check of checks) {
    console.log(`  ${check.name}: ${(check.size / 1000).toFixed(2)} kB gzip (limit ${((check.sizeLimit ?? 0) / 1000).toFixed(0)} kB)`);
    assert.ok(check.size > 2_000, `${check.name}: the files were found (${check.size} B)`);
    assert.ok(check.passed, `${check.name}: ${check.size} B > ${check.sizeLimit} B`);
  }
});
