import { expect } from '@open-wc/testing';
import { openStream, type ConnectionSnapshot, type StreamClientOptions } from '../../../src/core/client/stream-client.js';
import { HttpStatusError, NetworkError, StreamProtocolError, StreamStalledError } from '../../../src/core/errors.js';
import type { SseMessage } from '../../../src/core/sse/sse-decoder.js';
import { delay, scriptStream, until, type ScriptedResponse } from '../../support/scripted-stream.js';

const FAST = { initialDelayMs: 20, maxDelayMs: 80, maxAttempts: 10, minDelayMs: 20 };

function connect(url: string, options: Partial<StreamClientOptions> = {}) {
  const messages: SseMessage[] = [];
  const states: ConnectionSnapshot[] = [];
  const connection = openStream({
    request: () => ({ url }),
    retry: FAST,
    random: () => 0.5,
    ...options,
    onMessage: (m) => {
      messages.push(m);
      return options.onMessage?.(m);
    },
    onState: (s) => states.push(s),
  });
  const reached = (state: ConnectionSnapshot['state'], timeoutMs = 5000) =>
    until(() => states.some((s) => s.state === state), timeoutMs, `state ${state}`);
  return { connection, messages, states, reached };
}

const jsonError = (status: number, body: unknown, headers: Record<string, string> = {}): ScriptedResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  chunks: [JSON.stringify(body)],
});

describe('stream client', () => {
  it('opens on 200 text/event-stream and dispatches every event in order', async () => {
    const script = await scriptStream([{ events: [{ id: '1', event: 'a', data: 'one' }, { data: 'two' }] }]);
    const { messages, connection, states, reached } = connect(script.url, { shouldReconnect: () => false });
    await reached('closed');
    expect(messages.map((m) => [m.event, m.data, m.lastEventId])).to.deep.equal([['a', 'one', '1'], ['message', 'two', '1']]);
    expect(states.map((s) => s.state)).to.deep.equal(['connecting', 'open', 'closed']);
    expect((await connection.finished).state).to.equal('closed');
  });

  it('vector 6: decodes UTF-8 although the Content-Type says charset=windows-1252', async () => {
    const script = await scriptStream([{ headers: { 'content-type': 'text/event-stream; charset=windows-1252' }, chunks: ['data: Grüße 東京\n\n'] }]);
    const { messages, reached } = connect(script.url, { shouldReconnect: () => false });
    await reached('closed');
    expect(messages.map((m) => m.data)).to.deep.equal(['Grüße 東京']);
  });

  it('vector 22: stops on 204 without reconnecting', async () => {
    const script = await scriptStream([{ status: 204 }]);
    const { reached, states } = connect(script.url);
    await reached('closed');
    await delay(150);
    expect(await script.log()).to.have.length(1);
    expect(states.at(-1)!.error).to.equal(undefined);
  });

  for (const status of [205, 210, 299]) {
    it(`vector 22: fails on ${status} without reconnecting`, async () => {
      const script = await scriptStream([{ status }]);
      const { reached, states } = connect(script.url);
      await reached('failed');
      await delay(150);
      expect(await script.log()).to.have.length(1);
      expect(states.at(-1)!.error).to.be.instanceOf(StreamProtocolError);
    });
  }

  it('vector 23: fails on a 200 that is not text/event-stream, naming what arrived', async () => {
    const script = await scriptStream([{ headers: { 'content-type': 'text/html' }, chunks: ['<html>proxy login</html>'] }]);
    const { reached, states } = connect(script.url);
    await reached('failed');
    await delay(150);
    expect(await script.log()).to.have.length(1);
    const error = states.at(-1)!.error as StreamProtocolError;
    expect(error).to.be.instanceOf(StreamProtocolError);
    expect(error.message).to.contain('text/html').and.contain('proxy-url');
  });

  for (const status of [401, 403, 404, 410, 422]) {
    it(`fails at once on ${status} with the status, the URL and the API's own message`, async () => {
      const script = await scriptStream([jsonError(status, { type: 'error', error: { ref_id: 'r1', message: `api says ${status}` } })]);
      const { reached, states } = connect(script.url);
      await reached('failed');
      await delay(150);
      expect(await script.log(), 'never retried').to.have.length(1);
      const error = states.at(-1)!.error as HttpStatusError;
      expect(error).to.be.instanceOf(HttpStatusError);
      expect(error.status).to.equal(status);
      expect(error.url).to.equal(script.url);
      expect(error.message, 'one sentence for people').to.contain(`(${status})`).and.not.contain(`api says ${status}`);
      expect(error.detail, 'the API’s own words, kept apart').to.equal(`api says ${status}`);
    });
  }

  // 408 is left out here: Chromium's network stack itself retries a 408 on a reused connection.
  for (const status of [500, 502, 503]) {
    it(`retries ${status}, then streams`, async () => {
      const script = await scriptStream([jsonError(status, { error: 'busy' }), { events: [{ data: 'ok' }] }]);
      const { reached, messages, states } = connect(script.url, { shouldReconnect: () => false });
      await reached('closed');
      expect(messages.map((m) => m.data)).to.deep.equal(['ok']);
      const reconnecting = states.find((s) => s.state === 'reconnecting')!;
      expect(reconnecting.attempt).to.equal(1);
      expect((reconnecting.error as HttpStatusError).status).to.equal(status);
    });
  }

  it('waits as long as Retry-After says on 503 and 429 before the next attempt', async () => {
    for (const status of [503, 429]) {
      const script = await scriptStream([jsonError(status, { error: 'later' }, { 'retry-after': '1' }), { events: [{ data: 'ok' }] }]);
      const started = Date.now();
      const { reached, states, messages } = connect(script.url, { shouldReconnect: () => false });
      await reached('closed');
      expect(Date.now() - started, `${status}`).to.be.at.least(950);
      const waiting = states.find((s) => s.nextRetryAt !== undefined)!;
      expect(waiting.state).to.equal('reconnecting');
      expect(messages.map((m) => m.data)).to.deep.equal(['ok']);
    }
  });

  it('reconnects after a clean end of stream while the run is active, sending Last-Event-ID', async () => {
    const script = await scriptStream([
      { events: [{ id: '1', data: 'a' }, { id: '2', data: 'b' }] },
      { events: [{ id: '3', data: 'c' }] },
    ]);
    let ends = 0;
    const { reached, messages } = connect(script.url, { shouldReconnect: () => ++ends < 2 });
    await reached('closed');
    const log = await script.log();
    expect(log).to.have.length(2);
    expect(log[0]!.headers['last-event-id']).to.equal(undefined);
    expect(log[1]!.headers['last-event-id']).to.equal('2');
    expect(log[1]!.headers.accept).to.equal('text/event-stream');
    expect(messages.map((m) => m.data)).to.deep.equal(['a', 'b', 'c']);
  });

  it('vector 17: after a stream cut inside an event, reconnects without that event or its id', async () => {
    const script = await scriptStream([
      { chunks: ['retry:100\ndata:test1\n\nid:test\ndata:test2'] },
      { events: [{ data: 'later' }] },
    ]);
    const { reached, messages } = connect(script.url, { shouldReconnect: () => false });
    await reached('closed');
    const log = await script.log();
    expect(messages.map((m) => m.data)).to.deep.equal(['test1', 'later']);
    expect(log[1]!.headers['last-event-id']).to.equal(undefined);
  });

  it('treats a body that ends inside an event as a cut connection: reconnects with a NetworkError even when shouldReconnect says no', async () => {
    // What WebKitGTK reports for a chunked response the server cut off: a normal end of the body.
    const script = await scriptStream([
      { chunks: ['id: 1\ndata: whole\n\nid: 2\ndata: cut-off'] },
      { events: [{ id: '2', data: 'cut-off-event-payload' }] },
    ]);
    let asked = 0;
    const { reached, messages, states } = connect(script.url, { shouldReconnect: () => (asked++, false) });
    await reached('closed');
    expect(messages.map((m) => m.data)).to.deep.equal(['whole', 'cut-off-event-payload']);
    const reconnecting = states.find((s) => s.state === 'reconnecting')!;
    expect(reconnecting.error).to.be.instanceOf(NetworkError);
    expect((reconnecting.error!.cause as Error).message).to.contain('ended inside an event');
    expect((await script.log())[1]!.headers['last-event-id']).to.equal('1');
    expect(asked, 'shouldReconnect is asked only about the clean end').to.equal(1);
  });

  it('reconnects after the connection drops mid-event, without delivering the partial event', async () => {
    const script = await scriptStream([
      { events: [{ id: '1', data: 'whole' }, { id: '2', data: 'cut-off-event-payload' }], destroyAfterBytes: 30 },
      { events: [{ id: '2', data: 'cut-off-event-payload' }] },
    ]);
    const { reached, messages, states } = connect(script.url, { shouldReconnect: () => false });
    await reached('closed');
    expect(messages.map((m) => m.data)).to.deep.equal(['whole', 'cut-off-event-payload']);
    expect(states.find((s) => s.state === 'reconnecting')!.error).to.be.instanceOf(NetworkError);
    expect((await script.log())[1]!.headers['last-event-id']).to.equal('1');
  });

  it('retries network errors (nothing listening) with growing attempts, then gives up as failed', async () => {
    const { reached, states } = connect('http://127.0.0.1:9/nothing', { retry: { initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 3, minDelayMs: 1 } });
    await reached('failed', 10_000);
    const attempts = states.filter((s) => s.state === 'reconnecting' && s.nextRetryAt).map((s) => s.attempt);
    expect(attempts).to.deep.equal([1, 2, 3]);
    expect(states.at(-1)!.error!.message).to.contain('Gave up after 3 attempts');
  });

  it('reconnectNow() revives a connection that gave up', async () => {
    const script = await scriptStream([jsonError(503, {}), jsonError(503, {}), { events: [{ data: 'back' }] }]);
    const { reached, messages, connection } = connect(script.url, { retry: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 1, minDelayMs: 1 }, shouldReconnect: () => false });
    await reached('failed');
    connection.reconnectNow();
    await reached('closed');
    expect(messages.map((m) => m.data)).to.deep.equal(['back']);
  });

  it('evaluates the request (headers, URL) again on every attempt', async () => {
    const script = await scriptStream([{ events: [{ data: 'a' }] }, { events: [{ data: 'b' }] }]);
    let n = 0;
    let ends = 0;
    const { reached } = connect(script.url, {
      request: () => ({ url: script.url, headers: { 'x-api-key': `key-${++n}` } }),
      shouldReconnect: () => ++ends < 2,
    });
    await reached('closed');
    const log = await script.log();
    expect(log.map((r) => r.headers['x-api-key'])).to.deep.equal(['key-1', 'key-2']);
  });

  it('honours the retry: field as the reconnection time', async () => {
    const script = await scriptStream([{ events: [{ retry: 600, data: 'a' }] }, { events: [{ data: 'b' }] }]);
    let ends = 0;
    const started = Date.now();
    const { reached } = connect(script.url, { shouldReconnect: () => ++ends < 2 });
    await reached('closed');
    expect(Date.now() - started).to.be.at.least(580);
  });

  it('abort stops the open fetch, the reader and every timer; nothing is reported afterwards', async () => {
    const script = await scriptStream([{ events: [{ data: 'first' }], end: 'hang' }]);
    const controller = new AbortController();
    const { reached, messages, states } = connect(script.url, { signal: controller.signal, stallTimeoutMs: 100 });
    await until(() => messages.length === 1);
    controller.abort();
    await reached('closed');
    const count = states.length;
    await delay(300); // longer than the stall timeout and the backoff
    const log = await script.log();
    expect(log, 'no reconnect after abort').to.have.length(1);
    expect(log[0]!.closed, 'the server saw the request end').to.equal(true);
    expect(states.length, 'no state change after closed').to.equal(count);
  });

  it('abort during the backoff wait cancels the pending attempt', async () => {
    const script = await scriptStream([jsonError(503, {}, { 'retry-after': '1' }), { events: [{ data: 'never' }] }]);
    const controller = new AbortController();
    const { reached, messages } = connect(script.url, { signal: controller.signal });
    await reached('reconnecting');
    controller.abort();
    await reached('closed');
    await delay(1200);
    expect(await script.log()).to.have.length(1);
    expect(messages).to.have.length(0);
  });

  it('an already aborted signal never sends a request', async () => {
    const script = await scriptStream([{ events: [{ data: 'x' }] }]);
    const controller = new AbortController();
    controller.abort();
    const { connection } = connect(script.url, { signal: controller.signal });
    expect(connection.snapshot.state).to.equal('closed');
    await delay(100);
    expect(await script.log()).to.have.length(0);
  });

  it('close() inside onMessage stops at that event', async () => {
    const script = await scriptStream([{ events: [{ data: '1' }, { data: 'stop' }, { data: '3' }] }]);
    const { reached, messages, connection } = connect(script.url, {
      onMessage: (m) => {
        if (m.data === 'stop') connection.close();
      },
    });
    await reached('closed');
    expect(messages.map((m) => m.data)).to.deep.equal(['1', 'stop']);
  });

  it('reconnects when the stream stalls, and heartbeats keep it alive', async () => {
    const pings = Array.from({ length: 8 }, () => ': ping\n\n');
    const script = await scriptStream([
      { chunks: ['data: a\n\n', ...pings], delayMs: 60, end: 'hang' },
      { events: [{ data: 'b' }] },
    ]);
    const started = Date.now();
    const { reached, messages, states } = connect(script.url, { stallTimeoutMs: 250, shouldReconnect: () => false });
    await reached('closed');
    expect(Date.now() - started, 'pings every 60 ms kept the first stream for ~500 ms').to.be.at.least(700);
    expect(states.find((s) => s.state === 'reconnecting')!.error).to.be.instanceOf(StreamStalledError);
    expect(messages.map((m) => m.data)).to.deep.equal(['a', 'b']);
  });

  it('reconnects at once on the browser online event instead of waiting out the backoff', async () => {
    const script = await scriptStream([jsonError(503, {}, { 'retry-after': '60' }), { events: [{ data: 'online again' }] }]);
    const { reached, messages, states } = connect(script.url, { shouldReconnect: () => false });
    await until(() => states.some((s) => s.nextRetryAt !== undefined));
    expect(states.find((s) => s.nextRetryAt)!.nextRetryAt! - Date.now()).to.be.greaterThan(50_000);
    window.dispatchEvent(new Event('online'));
    await reached('closed');
    expect(messages.map((m) => m.data)).to.deep.equal(['online again']);
  });

  it('keeps streaming when the page is hidden (it never listens to visibility)', async () => {
    const script = await scriptStream([{ events: [{ data: '1' }, { data: '2' }], delayMs: 50 }]);
    const { reached, messages } = connect(script.url, { shouldReconnect: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
    await reached('closed');
    expect(messages.map((m) => m.data)).to.deep.equal(['1', '2']);
    expect(await script.log()).to.have.length(1);
  });

  it('resets the backoff only when an attempt brings something new', async () => {
    const replay = { events: [{ data: 'same' }] };
    const script = await scriptStream([replay, replay, replay, { events: [{ data: 'new' }] }]);
    let ends = 0;
    const seen = new Set<string>();
    const { reached, states } = connect(script.url, {
      onMessage: (m) => {
        const fresh = !seen.has(m.data);
        seen.add(m.data);
        return fresh;
      },
      shouldReconnect: () => ++ends < 4,
    });
    await reached('closed');
    const attempts = states.filter((s) => s.state === 'reconnecting' && s.nextRetryAt).map((s) => s.attempt);
    expect(attempts, 'a replay of known events counts as no progress').to.deep.equal([0, 1, 2]);
  });

  it('an exception thrown by onMessage fails the connection as a ConsumerError: not a network error, not retried', async () => {
    const script = await scriptStream([{ events: [{ data: 'one' }, { data: 'two' }], end: 'hang' }]);
    const { states, reached } = connect(script.url, { onMessage: () => { throw new Error('listener bug'); } });
    await reached('failed');
    const failed = states.find((s) => s.state === 'failed')!;
    expect(failed.error!.name).to.equal('ConsumerError');
    expect(failed.error!.message).to.contain('listener bug');
    expect(failed.error!.message).to.not.contain('Could not reach');
    await delay(150);
    expect(await script.log()).to.have.length(1);
  });

  it('stream ends that bring nothing new count against the attempt budget (retry: 0 cannot spin)', async () => {
    const script = await scriptStream([{ events: [{ retry: 0, id: '1', data: 'same' }] }]);
    const started = performance.now();
    const { reached } = connect(script.url, { retry: { ...FAST, maxAttempts: 3 }, onMessage: () => false });
    await reached('failed', 8000);
    expect((await script.log()).length).to.equal(4);
    expect(performance.now() - started, 'every reconnect waited at least minDelayMs').to.be.at.least(3 * 20);
  });

  it('does not follow a redirect: the credentials never reach another origin', async () => {
    const script = await scriptStream([{ status: 307, headers: { location: 'http://127.0.0.1:9/steal' }, chunks: [] }]);
    const { states, reached } = connect(`${script.url}`, { request: () => ({ url: script.url, headers: { 'x-api-key': 'secret' } }) });
    await reached('failed');
    expect(states.find((s) => s.state === 'failed')!.error!.name).to.equal('RedirectRefusedError');
    expect(await script.log()).to.have.length(1);
  });
});
