/**
 * A stand-in upstream for proxy tests: a `node:http` server on an ephemeral port that records every
 * request it receives and answers like an API would, including the headers the proxy must drop.
 *
 * - Paths ending in `/events` and `/stream/sse` answer with an SSE stream. When the run id or
 *   `workflow_id` contains `held`, the stream sends one event and waits for {@link Upstream.release}
 *   before sending the last one and ending (with `: ping` comments meanwhile if `heartbeatMs` is
 *   set, as Shannon sends every 10 s); otherwise it ends at once.
 *   When the id contains `cut`, the stream sends one event and then drops the connection mid-body
 *   (no terminating chunk), as a crashed or restarted API server does.
 * - A run id containing `cut` on any other path announces a 64-byte JSON body, sends 20 bytes and
 *   drops the connection.
 * - A run id containing `held` on any other path answers nothing (not even headers) until
 *   {@link Upstream.release}, like Parallel's blocking `GET …/result?timeout=600`.
 * - A run id containing `nobody` answers 204; one containing `gzip` answers gzip-encoded JSON; one
 *   containing `hop` answers with `Connection: keep-alive, x-workflow-id, x-session-id`, so those two
 *   become hop-by-hop headers for this response (RFC 9110 §7.6.1).
 * - Everything else answers JSON `{"ok": true}` (202 for creates, 201 for Shannon stream submits).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface RecordedRequest {
  method: string;
  /** Path without the query, as received. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Upstream {
  url: string;
  /** Requests received since the last {@link reset}. */
  requests: RecordedRequest[];
  reset(): void;
  /** Lets every held stream send its last event and end. */
  release(): void;
  /** Resolves when a held stream or a held response is closed by the other side before it ended. */
  nextEarlyClose(): Promise<void>;
  close(): Promise<void>;
}

/** Headers a real API (or a careless one) sends, which the proxy must filter. */
const NOISY_HEADERS = {
  'set-cookie': 'upstream_session=secret; Path=/; HttpOnly',
  'access-control-allow-origin': '*',
  'access-control-allow-credentials': 'true',
  'x-internal-trace': 'do-not-leak',
  'x-ratelimit-remaining-minute': '59',
  'retry-after': '1',
  'x-workflow-id': 'wf-1',
  'x-session-id': 'session-1',
  link: '</api/v1/stream/sse?workflow_id=wf-1>; rel=stream',
  'x-idempotency-cached': 'false',
  'www-authenticate': 'Bearer realm="Shannon API"',
};

function writeEvent(res: ServerResponse, name: string, id: number): void {
  res.write(`id: ${id}\nevent: ${name}\ndata: {"n":${id}}\n\n`);
}

export interface UpstreamOptions {
  /** Interval of `: ping` comments on held streams; none when unset. */
  heartbeatMs?: number;
}

export async function startUpstream({ heartbeatMs }: UpstreamOptions = {}): Promise<Upstream> {
  const requests: RecordedRequest[] = [];
  let released = false;
  const held = new Set<() => void>();
  const earlyCloseWaiters: Array<() => void> = [];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream.invalid');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (url.pathname.endsWith('/events') || url.pathname.endsWith('/stream/sse')) {
        res.writeHead(200, { ...NOISY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'keep-alive': 'timeout=65' });
        res.write(': connected\n\n');
        writeEvent(res, 'first', 1);
        if (url.href.includes('cut')) {
          // Let the first event reach the proxy, then drop the socket without a terminating chunk.
          setTimeout(() => res.socket?.destroy(), 50);
          return;
        }
        const finish = () => {
          writeEvent(res, 'last', 2);
          res.end();
        };
        if (!url.href.includes('held') || released) {
          finish();
          return;
        }
        held.add(finish);
        const heartbeat = heartbeatMs ? setInterval(() => res.write(': ping\n\n'), heartbeatMs) : undefined;
        res.on('close', () => {
          clearInterval(heartbeat);
          held.delete(finish);
          if (!res.writableEnded) earlyCloseWaiters.splice(0).forEach((resolve) => resolve());
        });
        return;
      }
      if (url.pathname.includes('held') && !released) {
        const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"held":true}');
        held.add(answer);
        res.on('close', () => {
          held.delete(answer);
          if (!res.writableEnded) earlyCloseWaiters.splice(0).forEach((resolve) => resolve());
        });
        return;
      }
      if (url.pathname.includes('cut')) {
        // A JSON body announced at 64 bytes whose connection drops after 20.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '64' });
        res.write('{"ok":true,"output":');
        setTimeout(() => res.socket?.destroy(), 50);
        return;
      }
      if (url.pathname.includes('hop')) {
        res.writeHead(200, { ...NOISY_HEADERS, 'content-type': 'application/json', connection: 'keep-alive, x-workflow-id, x-session-id' }).end('{"ok":true}');
        return;
      }
      if (url.pathname.includes('nobody')) {
        res.writeHead(204, NOISY_HEADERS).end();
        return;
      }
      const json = JSON.stringify({ ok: true, method: req.method, path: url.pathname });
      const status = req.method === 'POST' ? (url.pathname.endsWith('/tasks/stream') ? 201 : url.pathname.endsWith('/runs') ? 202 : 200) : 200;
      if (url.pathname.includes('gzip')) {
        res.writeHead(status, { ...NOISY_HEADERS, 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(json));
        return;
      }
      res.writeHead(status, { ...NOISY_HEADERS, 'content-type': 'application/json' }).end(json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset() {
      requests.length = 0;
      released = false;
    },
    release() {
      released = true;
      for (const finish of [...held]) finish();
      held.clear();
    },
    nextEarlyClose: () => new Promise<void>((resolve) => earlyCloseWaiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
