/**
 * The package as npm would publish it (`npm run build` first): every `exports` entry has types,
 * publint finds nothing, and @arethetypeswrong/cli resolves every entry to JavaScript and types for
 * ESM consumers (bundlers and Node's `import`; the package is ESM-only, so CommonJS `require` is out
 * of scope — the `esm-only` profile).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, string | Record<string, string>> };

test('every exports entry but the JSON files names a types file and a JavaScript file that exist', () => {
  for (const [entry, target] of Object.entries(pkg.exports)) {
    if (entry.endsWith('.json')) continue;
    assert.equal(typeof target, 'object', `${entry} has conditions`);
    const { types, default: js } = target as Record<string, string>;
    assert.ok(types && existsSync(types), `${entry}: types ${types} exists`);
    assert.ok(js && existsSync(js), `${entry}: JavaScript ${js} exists`);
    assert.equal(Object.keys(target)[0], 'types', `${entry}: "types" comes first`);
  }
});

test('publint (strict) reports nothing', async () => {
  const { messages, pkg: json } = await publint({ pkgDir: '.', strict: true, pack: 'npm' });
  assert.deepEqual(messages.map((m) => formatMessage(m, json) ?? m.code), []);
});

test('@arethetypeswrong/cli resolves every entry with types (esm-only profile)', async () => {
  const result = await run(process.execPath, ['node_modules/@arethetypeswrong/cli/dist/index.js', '--pack', '.', '--profile', 'esm-only', '--format', 'json'], { maxBuffer: 64 << 20 })
    .catch((e: { stdout: string; code: number }) => e);
  const report = JSON.parse(result.stdout) as { analysis: { entrypoints: Record<string, unknown>; problems: Array<{ kind: string; entrypoint?: string; resolutionKind?: string }> } };
  const entries = Object.keys(report.analysis.entrypoints);
  for (const entry of Object.keys(pkg.exports)) assert.ok(entries.includes(entry), `attw checked ${entry}`);
  const problems = report.analysis.problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
  assert.deepEqual(problems, []);
});
