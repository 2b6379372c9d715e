/**
 * The run view is a chunk loaded when a `<task-stream>` first shows a run (lazy-run-view.ts, issue 11
 * item 8): a stream that waits for a run does not download it, the first run shown loads it (a run
 * named by id as soon as the element is bound to it), and a view that cannot be loaded says so in
 * words and loads again on "Try again".
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { resetRunView, runView, runViewSource } from '../../../src/components/task-stream/lazy-run-view.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { createTaskStore } from '../../../src/core/store/task-store.js';
import { registerTaskStore } from '../../../src/core/store/registry.js';

const RUN: TaskRun = {
  id: 'trun_lazy1', provider: 'parallel', status: 'completed', createdAt: new Date(Date.now() - 60_000).toISOString(),
  processor: 'core', input: 'What does a lazy run view load?', output: { type: 'text', content: 'Only what is shown.', basis: [] },
};

const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<task-stream> run view, loaded when a run is first shown', () => {
  const load = runViewSource.load;
  afterEach(() => {
    runViewSource.load = load;
  });

  it('is not loaded by a stream that shows no run; the first run shown loads it, with its styles', async () => {
    const store = freshStore();
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name}></task-stream>`);
    expect(part(el, 'empty')?.textContent).to.contain('No run selected.');
    expect(runView(), 'no run view code before a run is shown').to.equal(undefined);
    store.addRun(RUN, []);
    store.select(RUN.id);
    await el.updateComplete;
    expect(runView(), 'loaded for the first run').to.not.equal(undefined);
    expect(part(el, 'title')?.textContent).to.contain('What does a lazy run view load?');
    expect(getComputedStyle(part(el, 'title')!).fontWeight, 'the run view’s styles apply').to.equal('600');
    expect(getComputedStyle(el).borderTopStyle, 'the element’s own styles stay').to.equal('solid');
  });

  it('starts loading for a run named by run-id while the store still reads its stored index (a reload), once', async () => {
    resetRunView();
    let attempts = 0;
    runViewSource.load = () => {
      attempts++;
      return load();
    };
    // The default persistence: the run index is read from IndexedDB after the store is created.
    const store = createTaskStore({ name: `lazy-view-${Date.now().toString(36)}`, connection: { statusPollMs: 0 } });
    registerTaskStore(store);
    try {
      const el = document.createElement('task-stream');
      el.store = store.name;
      el.runId = RUN.id;
      document.body.append(el);
      expect(store.getRun(RUN.id), 'not listed yet').to.equal(undefined);
      expect(attempts, 'the view’s code is on its way already').to.equal(1);
      store.addRun(RUN, []);
      await el.updateComplete;
      expect(part(el, 'title')?.textContent).to.contain('What does a lazy run view load?');
      expect(attempts, 'loaded once').to.equal(1);
      el.remove();
    } finally {
      store.clear();
      await store.settled();
      store.dispose();
    }
  });

  it('says in words when the run view cannot be loaded, and “Try again” loads it', async () => {
    resetRunView();
    let attempts = 0;
    runViewSource.load = () => {
      attempts++;
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    };
    const store = freshStore();
    store.addRun(RUN, []);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${RUN.id}></task-stream>`);
    await el.updateComplete;
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('could not be loaded. Check the network connection, then press Try again.');
    expect(error.textContent, 'no raw import message').to.not.contain('dynamically imported');
    expect(attempts).to.equal(1);
    // No loop: rendering again does not import again by itself.
    el.requestUpdate();
    await el.updateComplete;
    expect(attempts).to.equal(1);
    runViewSource.load = load;
    error.querySelector('button')!.click();
    await el.updateComplete;
    expect(part(el, 'error'), 'the error is gone').to.equal(null);
    expect(part(el, 'title')?.textContent).to.contain('What does a lazy run view load?');
  });
});
