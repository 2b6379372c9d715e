/**
 * The embedded mock backend as a request handler: Parallel's Task API at `/v1/…` (plus the legacy
 * `/v1beta/…/events`), Parallel's OAuth provider at `/getKeys/…` (oauth/oauth-provider.ts) and
 * Shannon's gateway at `/api/v1/…`, faithful to the wire specs, with
 * named fault scenarios per task. Mount it in any node:http server (see mock-server.ts), a dev
 * server middleware, or a test.
 *
 * @example
 * const app = createMockApp({ speed: 10, seed: 1 });
 * http.createServer((req, res) => { if (!app.handle(req, res)) { res.statusCode = 404; res.end(); } });
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomInt } from 'node:crypto';
import { checkSpeed } from './clock.js';
import { MockOAuthProvider } from './oauth/oauth-provider.js';
import { ParallelApi } from './parallel/parallel-routes.js';
import { Rng } from './rng.js';
import { ShannonApi } from './shannon/shannon-routes.js';
import { STATUS_LAG_MS } from './shannon/shannon-timeline.js';
import type { SseConnection } from './sse-connection.js';

export interface MockOptions {
  /** Time compression: 10 plays a 60 s run in 6 s. Tasks may override it (`mock_speed`). @default 1 */
  speed?: number;
  /** PRNG seed: the same seed and the same requests give the same ids and content. @default random */
  seed?: number;
  /** Parallel's maximum stream lifetime before a clean server close, in simulated ms. @default 570_000 */
  streamLifetimeMs?: number;
  /** Parallel's task group events stream lifetime before a clean server close, in simulated ms. @default 3_600_000 */
  groupStreamLifetimeMs?: number;
  /** Reject requests without a key exactly as the real APIs do (401 and their error body). @default true */
  requireKey?: boolean;
  /** Prefix stripped before routing, e.g. `/mock`; requests outside it are not handled. @default '' */
  basePath?: string;
  /** Shannon's replay buffer per workflow, in events (every event counts, deltas included). @default 256 */
  ringCapacity?: number;
  /** Shannon's event-stream lifetime after a workflow's last event, in simulated ms (Redis TTL). @default 86_400_000 */
  shannonStreamTtlMs?: number;
  /**
   * How long Shannon's status API keeps saying RUNNING after `done` (sent from inside the workflow
   * before it returns), in simulated ms. @default 2_500
   */
  shannonStatusLagMs?: number;
  /** Shannon generates a session title (LLM_PROMPT + delta + completion from `title_generator`) for a new session. @default true */
  shannonTitles?: boolean;
}

export interface MockApp {
  /** Handles a Node request if its path is a mock path (returns true), else returns false and writes nothing. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Stops timers and ends open streams. */
  close(): void;
  /**
   * Event streams served so far (`opened`) and open now (`open`), of both APIs: a witness of how
   * many connections clients hold (issue 14 §1: one per run however many tabs).
   */
  streams(): StreamCounts;
}

/** Event-stream counts of a mock app ({@link MockApp.streams}). */
export interface StreamCounts {
  opened: number;
  open: number;
}

/** Thrown for invalid {@link MockOptions}. */
export class MockOptionsError extends TypeError {
  override name = 'MockOptionsError' as const;
}

/** Creates the mock backend. */
export function createMockApp(options: MockOptions = {}): MockApp {
  const {
    speed = 1,
    seed = randomInt(0, 2 ** 31),
    streamLifetimeMs = 570_000,
    groupStreamLifetimeMs = 3_600_000,
    requireKey = true,
    basePath = '',
    ringCapacity = 256,
    shannonStreamTtlMs = 24 * 60 * 60 * 1000,
    shannonStatusLagMs = STATUS_LAG_MS,
    shannonTitles = true,
  } = options;
  checkSpeed(speed);
  if (!(streamLifetimeMs > 0)) throw new MockOptionsError(`streamLifetimeMs must be positive, got ${streamLifetimeMs}`);
  if (!(groupStreamLifetimeMs > 0)) throw new MockOptionsError(`groupStreamLifetimeMs must be positive, got ${groupStreamLifetimeMs}`);
  if (!Number.isInteger(ringCapacity) || ringCapacity < 1) throw new MockOptionsError(`ringCapacity must be a positive integer, got ${ringCapacity}`);
  if (!(shannonStatusLagMs >= 0)) throw new MockOptionsError(`shannonStatusLagMs must not be negative, got ${shannonStatusLagMs}`);
  if (!(shannonStreamTtlMs > 0)) throw new MockOptionsError(`shannonStreamTtlMs must be positive, got ${shannonStreamTtlMs}`);
  if (basePath !== '' && (!basePath.startsWith('/') || basePath.endsWith('/'))) {
    throw new MockOptionsError(`basePath must start with "/" and not end with it, got "${basePath}"`);
  }

  const rng = new Rng(seed);
  let opened = 0;
  // Every SseConnection adds itself on creation and removes itself when closed.
  const registry = new (class extends Set<SseConnection> {
    override add(connection: SseConnection): this {
      if (!this.has(connection)) opened++;
      return super.add(connection);
    }
  })();
  const parallel = new ParallelApi({ rng: rng.fork('parallel'), speed, streamLifetimeMs, groupStreamLifetimeMs, requireKey, registry });
  const shannon = new ShannonApi({ rng: rng.fork('shannon'), speed, requireKey, ringCapacity, streamTtlMs: shannonStreamTtlMs, statusLagMs: shannonStatusLagMs, titles: shannonTitles, registry });
  const oauth = new MockOAuthProvider({ basePath });
  let closed = false;

  return {
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://mock.invalid');
      let path = url.pathname;
      if (basePath) {
        if (!path.startsWith(`${basePath}/`)) return false;
        path = path.slice(basePath.length);
      }
      const half = shannon.matches(path) ? shannon : parallel.matches(path) ? parallel : oauth.matches(path) ? oauth : undefined;
      if (!half) return false;
      if (closed) {
        res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' });
        res.end('Mock backend is shutting down\n');
        return true;
      }
      void half.handle(req, res, path, url);
      return true;
    },
    close() {
      closed = true;
      parallel.close();
      shannon.close();
      for (const connection of [...registry]) connection.end();
    },
    streams: () => ({ opened, open: registry.size }),
  };
}
