/**
 * The example apps (examples/react, examples/vue, examples/angular) as their users would ship them:
 * each is built with its own toolchain (`npm run build`: tsc or vue-tsc and vite, or the Angular CLI),
 * then served as static files beside the mock backend, which stands where the app's proxy would be
 * (`/api/parallel`, key required). The Vue and Angular type-error fixtures are compiled too, and must
 * fail exactly where they are marked.
 * Their dependencies are installed by `.ci/run` (`npm ci` in each example), or here when missing.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { createMockApp } from '../server/mock/mock-app.js';

export const EXAMPLES = ['react', 'vue', 'angular'] as const;
export type ExampleName = (typeof EXAMPLES)[number];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** Runs a command in `cwd`; resolves with its exit code and output (never rejects). */
export function exec(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ code: 1, output: output + String(error) }));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Builds an example (throws with its output when the build fails). */
export async function buildExample(name: ExampleName): Promise<void> {
  const dir = `examples/${name}`;
  if (!existsSync(`${dir}/node_modules`)) {
    // A fresh clone after `npm ci` (the README's commands): install the example's own lockfile.
    const install = await exec('npm', ['ci', '--no-audit', '--no-fund'], dir);
    if (install.code !== 0) throw new Error(`${dir}: npm ci failed\n${install.output.slice(-3000)}`);
  }
  const build = await exec('npm', ['run', 'build', '--silent'], dir);
  if (build.code !== 0) throw new Error(`${dir}: npm run build failed\n${build.output.slice(-3000)}`);
}

/** How each example's type-error fixture is compiled: vue-tsc for Vue templates, ngc for Angular's. */
const TYPE_CHECKERS: Partial<Record<ExampleName, { args: string[]; fixtures: string }>> = {
  vue: { args: ['node_modules/vue-tsc/bin/vue-tsc.js', '--noEmit', '-p', 'tsconfig.type-errors.json'], fixtures: '.vue' },
  angular: { args: ['node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js', '-p', 'tsconfig.type-errors.json'], fixtures: '.ts' },
};

/** Examples that carry a type-error fixture (examples/<name>/type-errors). */
export const TYPE_CHECKED = Object.keys(TYPE_CHECKERS) as ExampleName[];

/**
 * Compiles an example's type-error fixture with its framework's checker; returns the `file:line` of
 * each error and of each `<!-- expect-error -->` marker (the line after it), sorted.
 */
export async function typeErrors(name: ExampleName): Promise<{ actual: string[]; expected: string[]; output: string }> {
  const dir = `examples/${name}`;
  const checker = TYPE_CHECKERS[name]!;
  const result = await exec(process.execPath, checker.args, dir);
  // eslint-disable-next-line no-control-regex
  const output = result.output.replace(/\x1b\[[0-9;]*m/g, '');
  const actual = [...output.matchAll(/^(type-errors\/\S+?)(?:\((\d+),\d+\)|:(\d+):\d+)(?::| -) error TS\d+/gm)].map((m) => `${m[1]}:${m[2] ?? m[3]}`).sort();
  const expected: string[] = [];
  for (const file of readdirSync(`${dir}/type-errors`).filter((f) => f.endsWith(checker.fixtures))) {
    readFileSync(`${dir}/type-errors/${file}`, 'utf8').split('\n').forEach((line, i) => {
      if (line.includes('<!-- expect-error')) expected.push(`type-errors/${file}:${i + 2}`);
    });
  }
  return { actual, expected: expected.sort(), output };
}

/** Serves a built example and the mock backend (at /api/parallel, key required) on one loopback origin. */
export async function startExampleSite(name: ExampleName): Promise<{ url: string; keysSeen: Set<string>; close(): Promise<void> }> {
  const root = `examples/${name}/dist`;
  // Real time (speed 1: a lite run is live for about 5 s). The flow checks that progress reaches the
  // app while the run is live; at speed 8 the run was over in 0.6 s, before a loaded WebKit had even
  // connected, and a finished Parallel run answers with its final state only (CI failed on it).
  const mock = createMockApp({ basePath: '/api/parallel', speed: 1, seed: 11 });
  const keysSeen = new Set<string>();
  const server: Server = createServer((req, res) => {
    const key = req.headers['x-api-key'];
    if (typeof key === 'string') keysSeen.add(key);
    if (mock.handle(req, res)) return;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(root, path === '/' ? 'index.html' : path.replace(/\.\.+/g, ''));
    if (existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    keysSeen,
    async close() {
      mock.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
