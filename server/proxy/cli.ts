/**
 * `npm run proxy -- --port 8788 [--host 127.0.0.1]`: the proxy on Node, configured by environment
 * variables (see proxyOptionsFromEnv). Prints where it listens and where it forwards; never keys.
 */
import { parseArgs } from 'node:util';
import { startProxyServer, type ProxyServer } from './node-server.js';
import { ProxyConfigError, proxyOptionsFromEnv, type ProxyOptions } from './proxy-handler.js';

const USAGE = `Usage: npm run proxy -- [--port 8788] [--host 127.0.0.1]

Environment: PARALLEL_BASE_URL, SHANNON_BASE_URL, PARALLEL_API_KEY, SHANNON_API_KEY,
ALLOWED_ORIGINS (comma-separated), ALLOWED_HOSTS (comma-separated; default localhost,
127.0.0.1, ::1), ALLOW_CLIENT_CREDENTIALS (1/true), MAX_BODY_BYTES.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string', default: '8788' }, host: { type: 'string', default: '127.0.0.1' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number (got "${values.port}").\n\n${USAGE}`);
  const host = values.host ?? '127.0.0.1';

  let options: ProxyOptions;
  let server: ProxyServer;
  try {
    options = proxyOptionsFromEnv(process.env);
    server = await startProxyServer({ port, host, options });
  } catch (error) {
    if (error instanceof ProxyConfigError) fail(`Proxy configuration error: ${error.message}`);
    fail(`Could not start the proxy on ${host}:${port}: ${(error as Error).message}`);
  }

  const keys = `server keys: parallel ${options.parallelApiKey ? 'set' : 'not set'}, shannon ${options.shannonApiKey ? 'set' : 'not set'}`;
  const credentials = `client credentials ${options.allowClientCredentials ? 'forwarded where no server key is set' : 'dropped'}`;
  const origins = options.allowedOrigins?.length ? options.allowedOrigins.join(', ') : 'none (same-origin only)';
  process.stdout.write(`Proxy listening on ${server.url} → parallel: ${options.parallelBaseUrl}, shannon: ${options.shannonBaseUrl}\n`);
  const hosts = options.allowedHosts?.length ? options.allowedHosts.join(', ') : 'localhost, 127.0.0.1, ::1';
  process.stdout.write(`  ${keys}; ${credentials}; allowed origins: ${origins}; answers for hosts: ${hosts}\n`);
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
    process.stdout.write(`  Warning: bound to ${host}, not loopback: anyone who can reach it can spend the server keys.\n`);
    if (!options.allowedHosts?.length) process.stdout.write('  It answers only for loopback host names until you list the name clients use in ALLOWED_HOSTS.\n');
  }

  const stop = () => {
    void server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
