/**
 * What a screen reader hears of a run this page cannot reach matches what is shown (freshF §2: the
 * badge said "Key Rejected" while the stream's live status still read "Status: queued"). The live
 * status says the outcome ("Status: key rejected"), nothing else the stream or the history exposes
 * (text, hidden text, labels) reads as waiting to start, in English and German; `data-status` keeps
 * the server's last status for scripts. Once the run can be followed, the live status says its
 * status again.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import type { TaskStore } from '../../../src/core/store/task-store.js';
import { freshStore } from '../../support/stores.js';
import { json, scriptStream, until, type ScriptedEvent } from '../../support/scripted-stream.js';

const WF = 'wf-spoken';
const refused = (status: number) => json({ error: 'unauthorized', message: 'Invalid token' }, status);
const done: ScriptedEvent[] = [
  { id: '1-0', event: 'WORKFLOW_COMPLETED', data: JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_COMPLETED', agent_id: 'orchestrator', message: 'done', seq: 1, stream_id: '1-0' }) },
  { id: '2-0', event: 'done', data: '[DONE]' },
];
const completed = json({ task_id: WF, workflow_id: WF, status: 'COMPLETED', result: 'Paris.' });

function queuedRun(store: TaskStore): void {
  store.addRun({ id: WF, provider: 'shannon', status: 'queued', createdAt: new Date().toISOString(), input: 'What is the capital of France?' });
}
const live = (el: HTMLElement) => el.shadowRoot!.querySelector('[role="status"][aria-live]')?.textContent?.trim();
const badge = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLElement>('[part~="status"], [part~="item-status"]');

/** Every text a screen reader can reach in the element: its text (visually hidden too) and its labels. */
function spoken(el: HTMLElement): string {
  const root = el.shadowRoot!;
  const labels = [...root.querySelectorAll('[aria-label], [aria-description], [alt]')]
    .map((node) => ['aria-label', 'aria-description', 'alt'].map((name) => node.getAttribute(name) ?? '').join(' '));
  return [root.textContent ?? '', ...labels].join('\n');
}

const LANGUAGES = [
  { lang: 'en', keyRejected: 'key rejected', notFound: 'not found', announce: (s: string) => `Status: ${s}`, waiting: /queued/i },
  { lang: 'de', keyRejected: 'Schlüssel abgelehnt', notFound: 'nicht gefunden', announce: (s: string) => `Status: ${s}`, waiting: /Warteschlange/i },
];

describe('what a screen reader hears of a run this page cannot reach', () => {
  for (const words of LANGUAGES) {
    it(`a refused key (401): the stream's live status and the history row say “${words.keyRejected}”, nothing says waiting (${words.lang})`, async () => {
      const script = await scriptStream([refused(401)]);
      const store = freshStore();
      queuedRun(store);
      const box = await fixture<HTMLDivElement>(html`<div lang=${words.lang}>
        <task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream>
        <task-history store=${store.name} provider="shannon" proxy-url=${script.url} refresh-interval="50"></task-history></div>`);
      const stream = box.querySelector('task-stream') as TaskStreamElement;
      const history = box.querySelector('task-history') as TaskHistoryElement;
      await until(() => badge(stream)?.textContent?.trim() === words.keyRejected && badge(history)?.textContent?.trim() === words.keyRejected, 5000, 'both badges');
      await until(() => live(stream) === words.announce(words.keyRejected), 2000, `the live status "${words.announce(words.keyRejected)}", not "${live(stream)}"`);
      expect(spoken(stream), 'nothing in the stream reads as waiting to start').to.not.match(words.waiting);
      const option = history.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!;
      expect(option.textContent, 'the row (the option\'s name) says the outcome').to.contain(words.keyRejected);
      expect(spoken(history), 'nothing in the history reads as waiting to start').to.not.match(words.waiting);
      expect(badge(stream)!.dataset.status, 'the server’s last status stays for scripts').to.equal('queued');
      expect(option.dataset.status).to.equal('queued');
    });
  }

  it('a run the server does not know (404): the live status says “not found”', async () => {
    const script = await scriptStream([refused(404)]);
    const store = freshStore();
    queuedRun(store);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream>`);
    await until(() => live(el) === 'Status: not found', 5000, `the live status "Status: not found", not "${live(el)}"`);
    expect(spoken(el)).to.not.match(/queued/i);
  });

  it('without a key it says “not set up”, then the run\'s own status once the key arrives and it streams', async () => {
    const script = await scriptStream([{ when: 'stream/sse', events: done }, completed]);
    const store = freshStore();
    queuedRun(store);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url} auth-mode="api-key"></task-stream>`);
    await until(() => live(el) === 'Status: not set up', 5000, `the live status "Status: not set up", not "${live(el)}"`);
    el.apiKey = 'late-key';
    await until(() => el.run?.status === 'completed', 5000, 'completed');
    await until(() => live(el) === 'Status: completed', 2000, `the live status "Status: completed", not "${live(el)}"`);
  });
});
