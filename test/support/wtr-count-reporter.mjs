// A web-test-runner reporter that ends the output with one plain line `wtr (engine): N passed, N failed, N skipped`
// and writes the same counts to test-results/wtr-summary.json for scripts/test.mjs.
// It prints at process exit with writeSync: wtr's terminal handling swallows writes made from stop().
import { mkdirSync, writeFileSync, writeSync } from 'node:fs';

function count(suite, acc) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) acc.skipped++;
    else if (test.passed) acc.passed++;
    else acc.failed++;
  }
  for (const child of suite.suites ?? []) count(child, acc);
}

export function countReporter({ summaryFile = 'test-results/wtr-summary.json', label = '' } = {}) {
  return {
    stop({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, acc);
        // A file that failed to load (or threw outside a test) counts as failed.
        if (!session.passed && (session.errors?.length ?? 0) > 0) acc.failed += session.errors.length;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync(summaryFile, JSON.stringify(acc));
      process.on('exit', () => writeSync(1, `wtr${label ? ` (${label})` : ''}: ${acc.passed} passed, ${acc.failed} failed, ${acc.skipped} skipped\n`));
    },
  };
}
