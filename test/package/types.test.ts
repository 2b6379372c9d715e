/**
 * The published types reject what they should. test/types/ holds files that use the built package the
 * way apps do (React 19 JSX via task-elements/jsx, the task-elements/react wrappers, plain DOM as
 * Angular's template checker sees it). Each line after an `// expect-error TSxxxx` marker must fail
 * with that code, and nothing else may fail: a type that lost its precision (a `provider` that became
 * `string`, a handler typed `Event`) fails this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DIR = 'test/types';

/** `file:line TScode` for every marker in the fixtures. */
function expectedErrors(): string[] {
  const out: string[] = [];
  for (const name of readdirSync(DIR).filter((f) => /\.tsx?$/.test(f)).sort()) {
    readFileSync(`${DIR}/${name}`, 'utf8').split('\n').forEach((line, i) => {
      const code = /^\s*\/\/ expect-error (TS\d+)/.exec(line)?.[1];
      if (code) out.push(`${DIR}/${name}:${i + 2} ${code}`);
    });
  }
  return out.sort();
}

test('the type fixtures fail exactly where they are marked (wrong provider, mismatched handler, camelCase handler on a plain tag)', async () => {
  const result = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `${DIR}/tsconfig.json`]).catch((e: { stdout: string }) => e);
  const actual = [...result.stdout.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`).sort();
  const expected = expectedErrors();
  assert.ok(expected.length >= 8, 'the fixtures carry their markers');
  assert.deepEqual(actual, expected, `tsc said:\n${result.stdout}`);
});
