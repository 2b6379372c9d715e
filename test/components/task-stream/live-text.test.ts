/**
 * The answer while it is written (`part="live-text"`): a long text shows its tail, and the tail
 * never starts with half of a character written in two UTF-16 units (an emoji).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

describe('<task-stream> live text', () => {
  it('shows the tail of a long text from a whole character, however the cut falls on an emoji', async () => {
    const store = freshStore();
    store.addRun({ id: 'task-emoji', provider: 'shannon', status: 'running', createdAt: new Date().toISOString() });
    const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id="task-emoji" provider="shannon" proxy-url=${url}></task-stream>`);
    // 1,199 one-unit characters after an emoji: the last 1,200 units start with the emoji's second half.
    const pieces = ['😀', ...Array.from({ length: 1199 }, (_, i) => String.fromCharCode(97 + (i % 26)))];
    const events = pieces.map((text, i): TaskEvent => ({ kind: 'text-delta', id: `d${i}`, source: 'thread.message.delta', agent: 'Ryogoku', text, seq: i + 1 }));
    store.applyEvents('task-emoji', [{ kind: 'text-delta', id: 'd-first', source: 'thread.message.delta', agent: 'Ryogoku', text: 'x' }, ...events]);
    const body = () => el.shadowRoot!.querySelector('[part~="live-text"] .live-body')?.textContent ?? '';
    await until(() => body().endsWith(pieces.at(-1)!) && body().length > 1000, 3000, 'the live text');
    expect(body().startsWith('…')).to.equal(true);
    const first = body().charCodeAt(1);
    expect(first >= 0xdc00 && first <= 0xdfff, 'a lone low surrogate after the ellipsis').to.equal(false);
    expect(body().slice(1)).to.equal(pieces.slice(1).join(''));
  });
});
