/**
 * Moving a live <task-stream> in each engine. Where the engine has `moveBefore()` (Chromium 133+,
 * Firefox 144+), the element is moved atomically: it defines `connectedMoveCallback`, so it is never
 * disconnected. WebKit has no `moveBefore()` (webkit.org/b/281223): a move there is a removal and an
 * insertion, and the element keeps its run and its one connection across it all the same.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { freshStore } from '../../support/stores.js';
import { delay, json, scriptStream, until } from '../../support/scripted-stream.js';
import { engine, perEngine } from '../../support/engine.js';

const WF = 'wf-move';
const first = { id: '1-0', event: 'thread.message.completed', data: JSON.stringify({ workflow_id: WF, agent_id: 'final_output', response: 'Halfway.', seq: 1, stream_id: '1-0' }) };

describe('<task-stream> moved while streaming, in this engine', () => {
  it(`moveBefore() where the engine has it (Chromium, Firefox): no disconnect, one connection; WebKit (none, webkit.org/b/281223): insertBefore disconnects and reconnects, still one connection: ${engine}`, async () => {
    const hasMoveBefore = perEngine({ chromium: true, firefox: true, webkit: false });
    expect(typeof (Element.prototype as { moveBefore?: unknown }).moveBefore === 'function', 'moveBefore in this engine').to.equal(hasMoveBefore);

    const script = await scriptStream([{ when: 'stream/sse', events: [first], end: 'hang' }, json({ task_id: WF, workflow_id: WF, status: 'RUNNING' })]);
    const store = freshStore();
    const box = await fixture<HTMLDivElement>(html`<div><section></section><task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream></div>`);
    const el = box.querySelector('task-stream') as TaskStreamElement;
    await until(() => store.getConnection(WF)?.phase === 'open', 5000, 'open');
    await until(() => el.events.length === 1, 5000, 'the first event');

    const calls: string[] = [];
    el.addController({ hostConnected: () => calls.push('connected'), hostDisconnected: () => calls.push('disconnected') });
    calls.length = 0; // addController calls hostConnected at once on a connected host
    const target = box.querySelector('section')!;
    if (hasMoveBefore) (target as unknown as { moveBefore(node: Node, child: Node | null): void }).moveBefore(el, null);
    else target.insertBefore(el, null);

    expect(el.parentElement).to.equal(target);
    expect(calls, 'lifecycle callbacks the move caused').to.deep.equal(hasMoveBefore ? [] : ['disconnected', 'connected']);
    await delay(150);
    const streams = (await script.log()).filter((r) => r.url.includes('stream/sse'));
    expect(streams, 'one stream request').to.have.length(1);
    expect(streams[0]!.closed, 'the connection is still open').to.equal(false);
    expect(store.getConnection(WF)?.phase).to.equal('open');
    expect(el.events.map((e) => e.id), 'what was shown stays').to.have.length(1);
    el.remove();
    await until(() => store.getConnection(WF)?.phase === 'idle', 2000, 'released when really removed');
  });
});
