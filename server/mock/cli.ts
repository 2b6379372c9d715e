/**
 * `npm run mock -- --port 8787 [--speed 10] [--seed 1] [--host 127.0.0.1] [--no-auth]`
 *
 * Serves both mock APIs (Parallel at /v1/…, Shannon at /api/v1/…), prints one line with its URL,
 * and exits cleanly on SIGINT/SIGTERM. `--speed` falls back to the MOCK_SPEED environment variable.
 * Any non-empty key is accepted; `--no-auth` accepts requests without one.
 */
import { parseArgs } from 'node:util';
import { startMockServer } from './mock-server.js';

/** A command-line value that does not parse. */
export class CliUsageError extends Error {
  override name = 'CliUsageError' as const;
}

function numberOption(name: string, raw: string | undefined, check: (n: number) => boolean): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!check(value)) throw new CliUsageError(`Invalid --${name} value: ${raw}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      'no-auth': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = numberOption('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n < 65536) ?? 8787;
  const speed = numberOption('speed', values.speed ?? process.env.MOCK_SPEED, (n) => Number.isFinite(n) && n > 0);
  const seed = numberOption('seed', values.seed, Number.isInteger);
  const server = await startMockServer({ port, host: values.host, speed, seed, requireKey: !values['no-auth'] });
  process.stdout.write(`Mock backend listening on ${server.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
