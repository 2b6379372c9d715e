/**
 * Source counts never claim 0 when they are not known (fresh2, Parallel reconnect-204: "sources: 0
 * considered, 0 read" beside a result citing 3–4 sources per field): the API's counts while they
 * say something, else the sources the result cites, else nothing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream } from '../../support/scripted-stream.js';

const cite = (...urls: string[]) => urls.map((url) => ({ url, title: url }));
const OUTPUT: TaskRun['output'] = {
  type: 'json', content: { founded: 1998, employees: 1200 },
  basis: [
    { field: 'founded', citations: cite('https://a.example/1', 'https://b.example/2'), reasoning: 'r', confidence: 'high' },
    { field: 'employees', citations: cite('https://b.example/2', 'https://c.example/3'), reasoning: 'r', confidence: 'medium' },
  ],
} as TaskRun['output'];

async function sourcesLine(run: Partial<TaskRun>): Promise<string | undefined> {
  const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
  const store = freshStore();
  store.addRun({ id: 'trun_src', provider: 'parallel', status: 'completed', createdAt: new Date(Date.now() - 20_000).toISOString(), processor: 'core', ...run } as TaskRun);
  const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id="trun_src" provider="parallel" proxy-url=${url} auth-mode="api-key"></task-stream>`);
  await el.updateComplete;
  const meta = el.shadowRoot!.querySelector('.progress-meta')!.textContent!;
  expect(meta, 'no count of 0 anywhere').to.not.match(/\b0 (considered|read)\b/);
  el.stop();
  return el.shadowRoot!.querySelector('[part~="sources-count"]')?.textContent?.trim();
}

describe('<task-stream> source counts', () => {
  it('counts the sources the result cites when the progress counts were missed (0 considered, 0 read)', async () => {
    expect(await sourcesLine({ stats: { considered: 0, read: 0, sample: [] }, output: OUTPUT })).to.equal('3 sources cited');
  });

  it('counts the cited sources when the counts fall short of them (the last counts were missed)', async () => {
    expect(await sourcesLine({ stats: { considered: 12, read: 1, sample: [] }, output: OUTPUT })).to.equal('3 sources cited');
  });

  it('keeps the API’s counts when they say something', async () => {
    expect(await sourcesLine({ stats: { considered: 40, read: 9, sample: [] }, output: OUTPUT })).to.equal('sources: 40 considered, 9 read');
  });

  it('says nothing about sources when nothing is known: no counts of 0, no citations', async () => {
    expect(await sourcesLine({ status: 'running', stats: { considered: 0, read: 0, sample: [] } })).to.equal(undefined);
  });
});
