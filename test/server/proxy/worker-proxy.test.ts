/**
 * The proxy contract on Cloudflare Workers: `server/proxy/worker.ts` bundled by esbuild for a
 * neutral platform (a `node:` import would fail the bundle) and run in workerd through miniflare,
 * with the configuration passed as Worker bindings, answered over real HTTP on the Worker's own
 * socket.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { describeProxyContract, type RunningProxy } from './proxy-contract.js';
import { send } from './http-client.js';

/** Same date as the root wrangler.toml. */
const COMPATIBILITY_DATE = '2026-04-01';

let bundle: Promise<string> | undefined;

/** The Worker as one ES module, built once per test run. */
function workerScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('../../../server/proxy/worker.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

/** The Worker in workerd with these bindings, on an ephemeral port. */
async function startWorker(env: Record<string, string>): Promise<RunningProxy> {
  const miniflare = new Miniflare({
    modules: true,
    script: await workerScript(),
    compatibilityDate: COMPATIBILITY_DATE,
    host: '127.0.0.1',
    port: 0,
    cf: false,
    bindings: env,
    // The Worker's own socket, as on Cloudflare where requests reach it directly; not miniflare's
    // entry worker, which re-parses the URL and rewrites headers (Accept-Encoding, Host) first.
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
  });
  await miniflare.ready;
  const url = await miniflare.unsafeGetDirectURL();
  return { url: url.origin, close: () => miniflare.dispose() };
}

describeProxyContract('Cloudflare Workers (miniflare)', startWorker, {
  heartbeatMs: 100,
  seesHalfCloseBeforeResponse: false,
  streamErrorsReachClient: false,
  malformedHostReachesHandler: false,
});

describe('the Worker configuration', () => {
  test('answers every request with 500 and rule proxy-misconfigured when its bindings are unsafe', async () => {
    const worker = await startWorker({ ALLOWED_ORIGINS: '*', PARALLEL_API_KEY: 'pk-secret' });
    try {
      const response = await send(worker.url, '/api/parallel/v1/tasks/runs/trun_1');
      assert.equal(response.status, 500);
      const { error } = JSON.parse(response.text) as { error: { rule: string; message: string } };
      assert.equal(error.rule, 'proxy-misconfigured');
      assert.match(error.message, /may not contain "\*"/);
      assert.ok(!response.text.includes('pk-secret'));
    } finally {
      await worker.close();
    }
  });
});
