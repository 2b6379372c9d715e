/**
 * A batch's downloads (CSV, JSON) wait for a finished run (issue 14 §2: they were offered at "0 of 50
 * finished"): disabled, with the reason beside them, until a run has finished. Against the real mock (/mock).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import { getGroupStore } from '../../../src/core/store/group-store.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';
const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const qa = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const button = (stream: Element, text: string) => qa(stream, 'button').find((b) => b.textContent!.trim() === text) as HTMLButtonElement | undefined;

function endpoint(): EndpointConfig {
  return { provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY } };
}

async function batch(inputs: string[], speed: number, attrs: { width?: string; lang?: string } = {}) {
  const store = freshStore();
  store.setCredential('parallel', KEY);
  const group = await getGroupStore(store.name).submit({ inputs, processor: 'lite', metadata: { mock_speed: speed } }, endpoint());
  const root = await fixture<HTMLDivElement>(html`<div style=${attrs.width ? `width: ${attrs.width}` : ''}>
    <task-stream store=${store.name} proxy-url="/mock" auth-mode="api-key" run-id=${group.groupId} lang=${attrs.lang ?? 'en'} style="display: block"></task-stream>
  </div>`);
  const stream = root.querySelector<TaskStreamElement>('task-stream')!;
  await until(() => qa(stream, '[part="group-run"]').length === inputs.length, 10_000, 'the runs');
  return { group, stream };
}

const finished = (stream: Element) => qa(stream, '[part="group-run"]').filter((row) => ['completed', 'failed', 'cancelled', 'timeout'].includes(row.dataset.status!)).length;

describe('the batch\'s downloads', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
  });

  it('are disabled, with the reason, until a run has finished', async () => {
    const { stream } = await batch(['Acme', 'Globex', 'Initech'], 0.2);
    expect(finished(stream), 'nothing finished yet').to.equal(0);
    const csv = button(stream, 'Download results (CSV)')!;
    const json = button(stream, 'Download results (JSON)')!;
    expect(csv.disabled && json.disabled, 'both downloads disabled').to.equal(true);
    const reason = q(stream, '#download-reason')!;
    expect(reason.textContent!.trim()).to.equal('Results can be downloaded once a run has finished.');
    expect(csv.getAttribute('aria-describedby')).to.equal('download-reason');
  });

  it('are offered once a run has finished, and the reason is gone', async () => {
    const { stream } = await batch(['Acme', 'Globex'], 20);
    await until(() => finished(stream) > 0, 20_000, 'a finished run');
    await until(() => !button(stream, 'Download results (CSV)')!.disabled, 2000, 'the downloads offered');
    expect(button(stream, 'Download results (JSON)')!.disabled).to.equal(false);
    expect(q(stream, '#download-reason')).to.equal(null);
  });

  it('say the reason in German', async () => {
    const { stream } = await batch(['Acme', 'Globex'], 0.2, { lang: 'de' });
    const german = 'Ergebnisse lassen sich herunterladen, sobald ein Lauf beendet ist.';
    await until(() => q(stream, '#download-reason')?.textContent!.trim() === german, 5000, 'the reason in German (its catalog loads on demand)');
    expect(finished(stream), 'still nothing finished').to.equal(0);
  });
});
