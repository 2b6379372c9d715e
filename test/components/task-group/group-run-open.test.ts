/**
 * A run opened from a batch's run list (issues 13 §1, 14 §2) has the single run view's header: the
 * start of its input as title, the id secondary and copyable, the processor with its price per run,
 * the status badge, and a way back to the batch. Against the real mock (/mock).
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

describe('a run opened from a batch', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
  });

  it('has the single run\'s header: the input as title, the id secondary and copyable, the processor and its price, the status, and a way back', async () => {
    const { group, stream } = await batch(['Acme Corporation founding year', 'Globex'], 20, { width: '375px' });
    await until(() => finished(stream) === 2, 20_000, 'the end');
    qa(stream, '.group-run')[0]!.click();
    await until(() => !!q(stream, '[part="group-run-open"] [part="header"]'), 5000, 'the header');
    const open = q(stream, '[part="group-run-open"]')!;
    const runId = group.runIds[0]!;
    expect(open.querySelector('[part="title"]')!.textContent!.trim()).to.equal('Acme Corporation founding year');
    expect(open.querySelector('[part="run-id"]')!.textContent).to.equal(runId);
    expect(open.querySelector('[part="run-id"]')!.closest('h2'), 'the id is not the heading').to.equal(null);
    open.querySelector<HTMLButtonElement>('[aria-label="Copy run id"]')!.click();
    await until(() => !!open.querySelector('[part="feedback"][data-for="copy-id"]'), 5000, 'the copy\'s notice');
    expect(open.querySelector('[part="feedback"]')!.textContent).to.match(/^(Run id copied\.|Could not copy the run id: .+)$/);
    expect(open.querySelector('[part="processor"]')!.textContent).to.match(/^lite · .+ per run$/);
    expect(open.querySelector('[part~="status"]')!.getAttribute('data-status')).to.equal('completed');
    expect(open.querySelector('[part="connection"]'), 'a run of a batch has no connection of its own').to.equal(null);
    button(stream, '← All runs of the batch')!.click();
    await until(() => qa(stream, '[part="group-run"]').length === 2, 5000, 'back to the batch');
  });

  it('in German, the header says the processor\'s price per run in German', async () => {
    const { stream } = await batch(['Acme', 'Globex'], 20, { lang: 'de' });
    qa(stream, '.group-run')[1]!.click();
    await until(() => /pro Lauf$/.test(q(stream, '[part="group-run-open"] [part="processor"]')?.textContent ?? ''), 5000, 'the header in German');
    expect(q(stream, '[part="group-run-open"] [aria-label="Lauf-ID kopieren"]'), 'the copy in German').to.exist;
    expect(q(stream, '[part="group-run-open"] [part="title"]')!.textContent!.trim()).to.equal('Globex');
  });
});
