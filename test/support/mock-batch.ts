/**
 * A Parallel batch (task group) submitted to the real mock (/mock) and shown in `<task-stream>`
 * (with a `<task-history>` of the same store when asked), for the batch view's component tests.
 */
import { fixture, html } from '@open-wc/testing';
import type { TaskHistoryElement } from '../../src/components/task-history/task-history.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import type { EndpointConfig } from '../../src/core/client/api-request.js';
import { getGroupStore } from '../../src/core/store/group-store.js';
import { freshStore } from './stores.js';
import { until } from './scripted-stream.js';

/** Any non-empty key: the mock accepts it. */
export const MOCK_KEY = 'mock-test-key';

export const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const qa = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
/** The element's button whose text is `text`. */
export const button = (el: Element, text: string) => qa(el, 'button').find((b) => b.textContent!.trim() === text) as HTMLButtonElement | undefined;

/** The mock's Parallel endpoint with {@link MOCK_KEY}. */
export function mockEndpoint(): EndpointConfig {
  return { provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: MOCK_KEY } };
}

/** Rows of the batch's run list in a final state. */
export const finishedRows = (stream: Element) =>
  qa(stream, '[part="group-run"]').filter((row) => ['completed', 'failed', 'cancelled', 'timeout'].includes(row.dataset.status!)).length;

/** Removes the group stores the tests wrote (`task-elements-groups:test-…`). */
export function clearTestGroups(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
}

/**
 * Submits `inputs` as one batch (processor lite, the mock's `speed`) and shows it; resolves once every
 * run is listed. `width` sizes the box, `lang` the element's language, `history` adds a `<task-history>`.
 */
export async function showBatch(inputs: string[], speed: number, options: { width?: string; lang?: string; history?: boolean } = {}) {
  const store = freshStore();
  store.setCredential('parallel', MOCK_KEY);
  const group = await getGroupStore(store.name).submit({ inputs, processor: 'lite', metadata: { mock_speed: speed } }, mockEndpoint());
  const root = await fixture<HTMLDivElement>(html`<div style=${options.width ? `width: ${options.width}` : ''}>
    <task-stream store=${store.name} proxy-url="/mock" auth-mode="api-key" run-id=${group.groupId} lang=${options.lang ?? 'en'} style="display: block"></task-stream>
    ${options.history ? html`<task-history store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-history>` : ''}
  </div>`);
  const stream = root.querySelector<TaskStreamElement>('task-stream')!;
  const history = root.querySelector<TaskHistoryElement>('task-history') ?? undefined;
  await until(() => qa(stream, '[part="group-run"]').length === inputs.length, 10_000, 'the runs');
  return { store, group, root, stream, history };
}
