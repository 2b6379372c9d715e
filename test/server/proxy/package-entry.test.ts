/**
 * The proxy as an npm consumer gets it: `task-elements/proxy` and `task-elements/proxy/node`
 * resolved through package.json `exports` from the build output (tsconfig.proxy.json, the step
 * `npm run build` runs), imported by a plain Node process, and the README's Worker bundled from it
 * and run in workerd.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface ExportEntry {
  types: string;
  default: string;
}

describe('the published proxy entries', () => {
  let dir = '';
  let pkg = '';
  let exportsMap: Record<string, ExportEntry | string> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'task-elements-proxy-'));
    pkg = join(dir, 'node_modules', 'task-elements');
    mkdirSync(pkg, { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
    exportsMap = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: typeof exportsMap }).exports;
    // The build step itself, into the temporary package instead of the repository's dist/.
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.proxy.json'), '--outDir', join(pkg, 'dist/proxy')], { cwd: ROOT });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('package.json exports ./proxy and ./proxy/node with types, and the build writes every file they name', () => {
    for (const name of ['./proxy', './proxy/node']) {
      const entry = exportsMap[name];
      assert.ok(entry && typeof entry === 'object', `${name} is exported with conditions`);
      assert.deepEqual(Object.keys(entry), ['types', 'default'], `${name}: types first, then default`);
      for (const file of [entry.types, entry.default]) assert.ok(existsSync(join(pkg, file)), `${name} → ${file} is built`);
    }
  });

  test('a Node process imports both entries by package name and serves a request with them', async () => {
    const script = join(dir, 'check.mjs');
    writeFileSync(
      script,
      `import { createProxyHandler, proxyOptionsFromEnv, ProxyConfigError, ProxyRefusal } from 'task-elements/proxy';
import { startProxyServer, toNodeMiddleware, handleNodeRequest, createNodeFetch } from 'task-elements/proxy/node';
for (const f of [createProxyHandler, proxyOptionsFromEnv, startProxyServer, toNodeMiddleware, handleNodeRequest, createNodeFetch]) if (typeof f !== 'function') throw new Error('missing export');
if (!(new ProxyRefusal('invalid-path', 400, 'x') instanceof Error) || typeof ProxyConfigError !== 'function') throw new Error('missing error classes');
const proxy = await startProxyServer({ port: 0, options: proxyOptionsFromEnv({}) });
const response = await fetch(proxy.url + '/not-the-api');
console.log(JSON.stringify({ status: response.status, rule: (await response.json()).error.rule }));
await proxy.close();
`,
    );
    const { stdout } = await run(process.execPath, [script], { cwd: dir });
    assert.deepEqual(JSON.parse(stdout), { status: 404, rule: 'unknown-prefix' });
  });

  test("the README's Cloudflare Worker bundles from the package with nothing from node:* and serves requests in workerd", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const worker = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!).find((code) => code.includes("from 'task-elements/proxy'") && code.includes('export default'));
    assert.ok(worker, 'the README shows a Worker built on task-elements/proxy');
    assert.ok(worker.trim().split('\n').length <= 10, 'the README Worker is ten lines at most');
    writeFileSync(join(dir, 'worker.ts'), worker);
    const result = await build({ entryPoints: [join(dir, 'worker.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent', absWorkingDir: dir });
    const script = result.outputFiles[0]!.text;
    assert.ok(!/from\s*["']node:/.test(script), 'the Worker bundle imports no node: module');
    const miniflare = new Miniflare({ modules: true, script, compatibilityDate: '2026-04-01', host: '127.0.0.1', port: 0, cf: false, bindings: { PARALLEL_API_KEY: 'pk' }, unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] });
    try {
      await miniflare.ready;
      const url = await miniflare.unsafeGetDirectURL();
      const response = await fetch(new URL('/api/openai/v1/models', url));
      assert.equal(response.status, 404);
      assert.equal(((await response.json()) as { error: { rule: string } }).error.rule, 'unknown-prefix');
    } finally {
      await miniflare.dispose();
    }
  });
});
