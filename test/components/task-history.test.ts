import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskHistoryElement } from '../../src/components/task-history/task-history.js';
import type { TaskErrorEvent, TaskRerunEvent, TaskSelectEvent } from '../../src/components/shared/events.js';
import type { TaskEvent, TaskRun, TaskStatus } from '../../src/core/providers/task-event.js';
import { createTaskStore } from '../../src/core/store/task-store.js';
import { registerTaskStore, releaseTaskStore } from '../../src/core/store/registry.js';
import { KEY_PREFIX, type StorageLike } from '../../src/core/store/persistence.js';
import { freshStore } from '../support/stores.js';
import { delay, json, scriptStream, until, type Script } from '../support/scripted-stream.js';
import { parallelRun, stateEvent } from '../support/parallel-wire.js';

const run = (id: string, extra: Partial<TaskRun> = {}): TaskRun => ({
  id, provider: 'parallel', status: 'completed', createdAt: '2026-01-01T00:00:00Z', processor: 'core', input: `Question ${id}`, ...extra,
});
const status = (s: TaskStatus): TaskEvent => ({ kind: 'status', id: `status:${s}`, status: s, apiStatus: s, source: 'test' });

const root = (el: TaskHistoryElement) => el.shadowRoot!;
const items = (el: TaskHistoryElement) => [...root(el).querySelectorAll<HTMLElement>('[part~="item"]')];
const ids = (el: TaskHistoryElement) => items(el).map((item) => item.getAttribute('data-id'));
const item = (el: TaskHistoryElement, id: string) => items(el).find((i) => i.getAttribute('data-id') === id)!;
const button = (el: TaskHistoryElement, text: string, within: ParentNode = root(el)) =>
  [...within.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
const actionsOf = (el: TaskHistoryElement, id: string) =>
  [...root(el).querySelectorAll('[part~="item-actions"]')].find((g) => g.getAttribute('data-id') === id)!;
/** The run of the listbox's active option (`aria-activedescendant`). */
const active = (el: TaskHistoryElement) => {
  const id = root(el).querySelector('[role="listbox"]')?.getAttribute('aria-activedescendant');
  return id ? root(el).getElementById(id)?.getAttribute('data-id') : undefined;
};
const press = (target: Element, key: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));

/** Resolves with the script's request log once it holds `count` requests. */
async function untilLogged(script: Script, count: number, timeoutMs = 5000) {
  const start = Date.now();
  for (;;) {
    const log = await script.log();
    if (log.length >= count) return log;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${count} requests (got ${log.length})`);
    await delay(15);
  }
}

async function historyOf(runs: TaskRun[], attributes: { proxyUrl?: string; refreshInterval?: number } = {}) {
  const store = freshStore();
  for (const r of runs) store.addRun(r);
  const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} proxy-url=${attributes.proxyUrl ?? ''}
    refresh-interval=${attributes.refreshInterval ?? 0}></task-history>`);
  return { el, store };
}

describe('<task-history>', () => {
  it('tells Shannon runs of one user apart: their ids share the user prefix, so the row shows the end (the full id in its title)', async () => {
    const prefix = 'task-e6d77c09-b32d-46a7-86dc-f51a8f2698b0-';
    const { el } = await historyOf([
      run(`${prefix}1764489331`, { provider: 'shannon', createdAt: '2026-11-30T08:00:00Z' }),
      run(`${prefix}1764489332`, { provider: 'shannon', createdAt: '2026-11-30T08:00:01Z' }),
    ]);
    await until(() => root(el).querySelectorAll('.item .run-id').length === 2, 3000, 'two rows');
    const shown = [...root(el).querySelectorAll<HTMLElement>('.item .run-id')];
    expect(shown.map((id) => id.textContent!.trim())).to.deep.equal(['task-…-1764489332', 'task-…-1764489331']);
    expect(shown.map((id) => id.title)).to.deep.equal([`${prefix}1764489332`, `${prefix}1764489331`]);
    for (const id of shown) expect(id.scrollWidth, 'not cut').to.be.at.most(id.clientWidth + 1);
  });

  it('keeps every row’s age readable in a narrow column (the 1440 px demo’s side column): provider and processor give way, the age is never cut', async () => {
    const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
    const { el } = await historyOf([
      run('trun_a', { status: 'completed', processor: 'ultra8x-fast', createdAt: ago(14) }),
      run('trun_b', { status: 'action_required', processor: 'base', createdAt: ago(1) }),
      run('trun_c', { status: 'cancelled', createdAt: ago(3 * 3600) }),
    ]);
    for (const width of [360, 480]) {
      el.style.display = 'block';
      el.style.width = `${width}px`;
      await el.updateComplete;
      await until(() => root(el).querySelectorAll('.item time').length === 3, 3000, 'three rows');
      for (const item of root(el).querySelectorAll<HTMLElement>('.item')) {
        const time = item.querySelector('time')!;
        const head = item.querySelector<HTMLElement>('.item-head')!.getBoundingClientRect();
        const box = time.getBoundingClientRect();
        expect(time.textContent!.trim(), 'an age').to.match(/ago|now/);
        expect(box.width, `${width} px: the age has its width`).to.be.at.least(time.scrollWidth - 0.5);
        expect(box.right, `${width} px: the age of ${item.dataset['id']} ends inside its row`).to.be.at.most(head.right + 0.5);
        expect(box.left).to.be.at.least(head.left - 0.5);
      }
    }
  });

  it('shows an empty state when the store has no runs, and is accessible', async () => {
    const { el } = await historyOf([]);
    expect(root(el).querySelector('[part="empty"]')!.textContent).to.contain('No runs yet');
    expect(root(el).querySelector('[role="listbox"]')).to.equal(null);
    expect((root(el).querySelector('[part="clear"]') as HTMLButtonElement).disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('lists the runs newest first with status, provider, processor or mode, created time and input preview', async () => {
    const { el } = await historyOf([
      run('trun_old', { createdAt: '2026-01-01T00:00:00Z', input: { company: 'Acme', year: 1999 } }),
      run('task-new', { provider: 'shannon', processor: undefined, mode: 'research', status: 'running', createdAt: '2026-06-01T00:00:00Z', input: 'What   changed\n in Zürich?' }),
      run('trun_long', { createdAt: '2026-03-01T00:00:00Z', input: 'x'.repeat(500) }),
    ]);
    expect(ids(el)).to.deep.equal(['task-new', 'trun_long', 'trun_old']);
    const newest = item(el, 'task-new');
    expect(newest.getAttribute('data-status')).to.equal('running');
    expect(newest.querySelector('[part~="item-status"]')!.getAttribute('data-status')).to.equal('running');
    expect(newest.textContent).to.contain('Shannon').and.contain('research').and.contain('What changed in Zürich?');
    expect(newest.querySelector('time')!.getAttribute('datetime')).to.equal('2026-06-01T00:00:00Z');
    expect(newest.querySelector('time')!.textContent).to.match(/ago/);
    const oldest = item(el, 'trun_old');
    expect(oldest.textContent).to.contain('Parallel').and.contain('core').and.contain('{"company":"Acme","year":1999}');
    expect(item(el, 'trun_long').querySelector('.preview')!.textContent!.length, 'long input is truncated').to.be.below(200);
    expect(root(el).querySelector('[part="list"]')!.getAttribute('role')).to.equal('listbox');
  });

  it('updates an item’s badge when the store applies a status event', async () => {
    const { el, store } = await historyOf([run('r1', { status: 'running' })]);
    store.applyEvents('r1', [status('completed')]);
    await el.updateComplete;
    expect(item(el, 'r1').getAttribute('data-status')).to.equal('completed');
    expect(item(el, 'r1').querySelector('[part~="item-status"]')!.textContent).to.contain('completed');
  });

  it('selects a clicked run: store selection, aria-selected and a composed task-select event', async () => {
    const { el, store } = await historyOf([run('a', { createdAt: '2026-02-01T00:00:00Z' }), run('b', { provider: 'shannon' })]);
    const picked = oneEvent(document, 'task-select') as Promise<TaskSelectEvent>;
    item(el, 'b').click();
    const event = await picked;
    expect([event.runId, event.provider, event.bubbles, event.composed]).to.deep.equal(['b', 'shannon', true, true]);
    expect(store.selectedId).to.equal('b');
    await el.updateComplete;
    expect(items(el).map((i) => i.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);
    store.select('a');
    await el.updateComplete;
    expect(items(el).map((i) => i.getAttribute('aria-selected')), 'follows the store').to.deep.equal(['true', 'false']);
  });

  it('keeps one tab stop on the listbox and moves the active option with the arrow keys, Home and End; Enter selects', async () => {
    const { el, store } = await historyOf([1, 2, 3, 4].map((n) => run(`r${n}`, { createdAt: `2026-0${5 - n}-01T00:00:00Z` })));
    const listbox = root(el).querySelector<HTMLElement>('[role="listbox"]')!;
    expect(listbox.tabIndex, 'the listbox is the tab stop').to.equal(0);
    expect(items(el).every((i) => !i.hasAttribute('tabindex')), 'options are not tab stops').to.equal(true);
    listbox.focus();
    await until(() => active(el) === 'r1');
    press(listbox, 'ArrowDown');
    await until(() => active(el) === 'r2');
    press(listbox, 'End');
    await until(() => active(el) === 'r4');
    press(listbox, 'ArrowDown');
    await until(() => active(el) === 'r4');
    press(listbox, 'ArrowUp');
    await until(() => active(el) === 'r3');
    press(listbox, 'Home');
    await until(() => active(el) === 'r1');
    press(listbox, 'ArrowDown');
    await until(() => active(el) === 'r2');
    expect(root(el).activeElement, 'focus stays on the listbox').to.equal(listbox);
    const actionTabStops = [...root(el).querySelectorAll<HTMLButtonElement>('[part~="item-actions"] button')].filter((b) => b.tabIndex === 0);
    expect(actionTabStops.map((b) => b.closest('[data-id]')!.getAttribute('data-id')), 'Tab reaches the active run’s buttons').to.deep.equal(['r2', 'r2']);
    const picked = oneEvent(el, 'task-select') as Promise<TaskSelectEvent>;
    press(listbox, 'Enter');
    expect((await picked).runId).to.equal('r2');
    expect(store.selectedId).to.equal('r2');
  });

  it('tells its position and the list’s size on every option', async () => {
    const { el } = await historyOf([run('a', { createdAt: '2026-03-01T00:00:00Z' }), run('b', { createdAt: '2026-02-01T00:00:00Z' }), run('c')]);
    expect(items(el).map((i) => [i.getAttribute('aria-posinset'), i.getAttribute('aria-setsize')])).to.deep.equal([['1', '3'], ['2', '3'], ['3', '3']]);
  });

  it('deletes the active run with the Delete key at once from view, shows the next run instead, and deletes it for good only when Undo is not used', async () => {
    const { el, store } = await historyOf([run('a', { createdAt: '2026-03-01T00:00:00Z' }), run('b', { createdAt: '2026-02-01T00:00:00Z' }), run('c')]);
    store.select('b');
    await el.updateComplete;
    const listbox = root(el).querySelector<HTMLElement>('[role="listbox"]')!;
    listbox.focus();
    await until(() => active(el) === 'b');
    const picked = oneEvent(el, 'task-select') as Promise<TaskSelectEvent>;
    press(listbox, 'Delete');
    expect((await picked).runId, 'the run on show went: the next one is shown').to.equal('c');
    await until(() => active(el) === 'c');
    expect(ids(el)).to.deep.equal(['a', 'c']);
    expect(store.selectedId).to.equal('c');
    expect(root(el).activeElement).to.equal(listbox);
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Deleted run “Question b”');
    expect(root(el).querySelector('[part="undo"]')!.textContent).to.contain('Deleted “Question b”');
    expect(root(el).querySelector('.count')!.textContent).to.contain('2 runs');
    expect(store.getRuns().map((r) => r.id), 'kept while it can be undone').to.deep.equal(['a', 'b', 'c']);
    el.remove();
    expect(store.getRuns().map((r) => r.id), 'deleted for good when the history leaves the page').to.deep.equal(['a', 'c']);
  });

  it('takes a deletion back with Undo or Control+Z: the run, its selection and the active option return', async () => {
    const { el, store } = await historyOf([run('a', { createdAt: '2026-03-01T00:00:00Z' }), run('b', { createdAt: '2026-02-01T00:00:00Z' }), run('c')]);
    store.select('b');
    await el.updateComplete;
    const listbox = root(el).querySelector<HTMLElement>('[role="listbox"]')!;
    listbox.focus();
    await until(() => active(el) === 'b');
    press(listbox, 'Backspace');
    await until(() => ids(el).length === 2);
    button(el, 'Undo', root(el).querySelector('[part="undo"]')!).click();
    await until(() => active(el) === 'b');
    expect(ids(el)).to.deep.equal(['a', 'b', 'c']);
    expect(store.selectedId).to.equal('b');
    expect(root(el).querySelector('[part="undo"]')).to.equal(null);
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Restored run “Question b”');
    press(listbox, 'ArrowDown');
    await until(() => active(el) === 'c');
    press(listbox, 'Delete');
    await until(() => ids(el).length === 2);
    listbox.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true, cancelable: true }));
    await until(() => ids(el).length === 3);
    expect(active(el)).to.equal('c');
    press(listbox, 'Delete');
    await until(() => ids(el).length === 2);
    press(listbox, 'Home');
    await until(() => active(el) === 'a');
    press(listbox, 'Delete');
    await until(() => ids(el).length === 1);
    expect(store.getRuns().map((r) => r.id), 'a second deletion makes the first one final').to.deep.equal(['a', 'b']);
    el.remove();
    expect(store.getRuns().map((r) => r.id)).to.deep.equal(['b']);
  });

  it('deletes a run with its Delete button, and "Edit & run again" fires task-rerun with the run to edit (the run view\'s words, not "Re-run": it sends nothing)', async () => {
    const request = { input: 'Again?', processor: 'base' };
    const { el, store } = await historyOf([run('keep', { createdAt: '2026-03-01T00:00:00Z' }), run('again', { request })]);
    const rerun = oneEvent(document, 'task-rerun') as Promise<TaskRerunEvent>;
    button(el, 'Edit & run again', actionsOf(el, 'again')).click();
    const event = await rerun;
    expect([event.run.id, event.provider, event.store, event.bubbles, event.composed, event.action]).to.deep.equal(['again', 'parallel', store.name, true, true, 'edit']);
    expect(event.run.request).to.deep.equal(request);
    expect(store.getRuns(), 're-run changes nothing by itself').to.have.length(2);
    button(el, 'Delete', actionsOf(el, 'keep')).click();
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['again']);
  });

  it('clears all runs only after an inline confirmation', async () => {
    const { el, store } = await historyOf([run('a'), run('b')]);
    const originalConfirm = window.confirm;
    window.confirm = () => {
      throw new Error('window.confirm must not be used');
    };
    try {
      (root(el).querySelector('[part="clear"]') as HTMLButtonElement).click();
      await el.updateComplete;
      const confirm = root(el).querySelector('[part="confirm"]')!;
      expect(confirm.textContent).to.contain('Delete all 2 runs from this browser?');
      expect(confirm.textContent, 'no run is running').not.to.contain('running');
      await until(() => root(el).activeElement?.textContent === 'Keep');
      await expect(el).to.be.accessible();
      button(el, 'Keep', confirm).click();
      await el.updateComplete;
      expect(root(el).querySelector('[part="confirm"]')).to.equal(null);
      expect(store.getRuns()).to.have.length(2);
      (root(el).querySelector('[part="clear"]') as HTMLButtonElement).click();
      await el.updateComplete;
      button(el, 'Delete 2 runs', root(el).querySelector('[part="confirm"]')!).click();
      await el.updateComplete;
      expect(store.getRuns()).to.deep.equal([]);
      expect(root(el).querySelector('[part="empty"]')!.textContent).to.contain('No runs yet');
      expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Deleted 2 runs');
    } finally {
      window.confirm = originalConfirm;
    }
  });

  it('clears only what the filter shows, and says first how many and which are still running', async () => {
    const { el, store } = await historyOf([
      run('live-1', { status: 'running', createdAt: '2026-05-01T00:00:00Z', input: 'Acme founders' }),
      run('live-2', { status: 'queued', createdAt: '2026-04-01T00:00:00Z', input: 'Acme revenue' }),
      run('done', { createdAt: '2026-03-01T00:00:00Z', input: 'Acme board' }),
      run('other', { input: 'Globex' }),
    ]);
    const search = root(el).querySelector<HTMLInputElement>('[part="search"]')!;
    search.value = 'acme';
    search.dispatchEvent(new Event('input'));
    await until(() => ids(el).length === 3);
    const clear = root(el).querySelector<HTMLButtonElement>('[part="clear"]')!;
    expect(clear.textContent!.trim(), 'the button says it clears what is shown').to.equal('Clear shown');
    clear.click();
    await el.updateComplete;
    const confirm = root(el).querySelector('[part="confirm"]')!;
    expect(confirm.textContent).to.contain('Delete the 3 runs that match the filter (of 4) from this browser?');
    expect(confirm.textContent).to.contain('2 of them are still running: the provider goes on with them, but this page stops following them.');
    await expect(el).to.be.accessible();
    button(el, 'Delete 3 runs', confirm).click();
    await el.updateComplete;
    expect(store.getRuns().map((r) => r.id), 'the run the filter hid is kept').to.deep.equal(['other']);
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Deleted 3 runs');
  });

  it('filters by status and by text, with its own empty state when nothing matches', async () => {
    const { el } = await historyOf([
      run('trun_done', { createdAt: '2026-05-01T00:00:00Z', input: 'Founders of Acme' }),
      run('trun_live', { status: 'queued', createdAt: '2026-04-01T00:00:00Z', processor: 'ultra' }),
      run('trun_bad', { status: 'timeout', createdAt: '2026-03-01T00:00:00Z' }),
      run('task-stop', { provider: 'shannon', status: 'cancelled', processor: undefined, mode: 'deep', input: { q: 'Acme revenue' } }),
    ]);
    const select = root(el).querySelector<HTMLSelectElement>('[part="status-filter"]')!;
    const search = root(el).querySelector<HTMLInputElement>('[part="search"]')!;
    const filterBy = async (value: string) => {
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
    };
    const searchFor = async (text: string) => {
      search.value = text;
      search.dispatchEvent(new Event('input'));
      await delay(200); // the text filter applies after a pause in typing
      await el.updateComplete;
    };
    await filterBy('active');
    expect(ids(el)).to.deep.equal(['trun_live']);
    await filterBy('failed');
    expect(ids(el), 'a timeout counts as failed').to.deep.equal(['trun_bad']);
    await filterBy('cancelled');
    expect(ids(el)).to.deep.equal(['task-stop']);
    await filterBy('completed');
    expect(ids(el)).to.deep.equal(['trun_done']);
    await filterBy('all');
    await searchFor('ACME');
    expect(ids(el), 'matches text and JSON input').to.deep.equal(['trun_done', 'task-stop']);
    await searchFor('ultra');
    expect(ids(el), 'matches the processor').to.deep.equal(['trun_live']);
    await searchFor('deep');
    expect(ids(el), 'matches the mode').to.deep.equal(['task-stop']);
    await searchFor('trun_b');
    expect(ids(el), 'matches the id').to.deep.equal(['trun_bad']);
    await filterBy('completed');
    expect(ids(el)).to.deep.equal([]);
    expect(root(el).querySelector('[part="empty"]')!.textContent).to.contain('No run matches the filter');
    await expect(el).to.be.accessible();
    button(el, 'Show all runs').click();
    await el.updateComplete;
    expect(ids(el)).to.have.length(4);
    expect(search.value).to.equal('');
  });

  it('refreshes the status of an active run nobody streams, over HTTP, and leaves streamed and finished runs alone', async () => {
    const script = await scriptStream([
      { when: '/v1/tasks/runs/trun_idle', ...json(parallelRun('trun_idle', 'completed')) },
      { when: '/trun_streamed/events', events: [stateEvent(parallelRun('trun_streamed'))], end: 'hang' },
    ]);
    const store = freshStore();
    store.addRun(run('trun_idle', { status: 'running', createdAt: '2026-03-01T00:00:00Z' }));
    store.addRun(run('trun_streamed', { status: 'running', createdAt: '2026-02-01T00:00:00Z' }));
    store.addRun(run('trun_done', { status: 'completed' }));
    const release = store.watch('trun_streamed', (provider = 'parallel') => ({ provider, baseUrl: script.url, auth: { mode: 'none' } }));
    await until(() => store.getConnection('trun_streamed')?.state === 'open');
    const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} proxy-url=${script.url} refresh-interval="40"></task-history>`);
    await until(() => item(el, 'trun_idle')?.getAttribute('data-status') === 'completed');
    await delay(150);
    const paths = (await script.log()).map((r) => new URL(r.url, location.href).pathname.slice(script.url.length));
    expect(paths.filter((p) => p === '/v1/tasks/runs/trun_idle'), 'asked once, then finished').to.have.length(1);
    expect(paths).to.deep.equal(['/v1/tasks/runs/trun_streamed/events', '/v1/tasks/runs/trun_idle']);
    expect(item(el, 'trun_streamed').getAttribute('data-status')).to.equal('running');
    release();
  });

  it('takes a refused refresh (401) as a configuration problem: one task-error, no more requests for that run until the key, proxy or auth mode changes', async () => {
    const refused = json({ type: 'error', error: { ref_id: 'r', message: 'Invalid API key' } }, 401);
    const script = await scriptStream([
      { when: '/runs/trun_a', ...refused },
      { when: '/runs/trun_b', ...refused },
      { when: '/runs/trun_c', ...json({ error: 'down' }, 503) },
      { when: '/runs/trun_ok', ...json(parallelRun('trun_ok', 'running')) },
    ]);
    const store = freshStore();
    for (const id of ['trun_a', 'trun_b', 'trun_c', 'trun_ok']) store.addRun(run(id, { status: 'running' }));
    const errors: TaskErrorEvent[] = [];
    const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} proxy-url=${script.url} refresh-interval="30" refresh-budget="1000"
      @task-error=${(e: TaskErrorEvent) => errors.push(e)}></task-history>`);
    const asked = async (id: string) => (await script.log()).filter((r) => r.url.endsWith(`/runs/${id}`)).length;
    const untilAsked = async (id: string, times: number) => {
      for (const start = Date.now(); (await asked(id)) < times; await delay(15)) {
        if (Date.now() - start > 5000) throw new Error(`${id} was not asked about ${times} times`);
      }
    };
    await until(() => errors.length > 0);
    // Other runs go on being asked about (one answers, one fails for a while): many rounds pass.
    await untilAsked('trun_ok', 5);
    expect(errors, 'one task-error for one configuration problem, not one per poll').to.have.length(1);
    expect(errors[0]!.status).to.equal(401);
    expect(errors[0]!.message).to.contain('401').and.not.contain('Invalid API key');
    expect(errors[0]!.detail).to.equal('Invalid API key');
    expect(['trun_a', 'trun_b']).to.include(errors[0]!.runId);
    expect(await asked('trun_a'), 'a refused run is not asked again').to.equal(1);
    expect(await asked('trun_b')).to.equal(1);
    expect(await asked('trun_c'), 'a failing server is asked again').to.be.greaterThan(1);

    // A real change of the configuration: the refused runs are asked again at once, and a refusal
    // under the new configuration is reported once more.
    el.apiKey = 'a-new-key'; // a new key: the configuration changed
    await untilAsked('trun_a', 2);
    await untilAsked('trun_b', 2);
    await until(() => errors.length === 2, 3000, 'one task-error for the new configuration');
    const before = await asked('trun_ok');
    await untilAsked('trun_ok', before + 3);
    expect(errors).to.have.length(2);
    expect(await asked('trun_a')).to.equal(2);
  });

  it('asks about at most refresh-budget runs per minute however many are active, least recently asked first', async () => {
    const script = await scriptStream([{ when: '/v1/tasks/runs/', ...json(parallelRun('x', 'running')) }]);
    const store = freshStore();
    for (let i = 0; i < 40; i++) store.addRun(run(`trun_${i}`, { status: 'running', createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
    await fixture<TaskHistoryElement>(html`<task-history store=${store.name} proxy-url=${script.url} refresh-interval="20" refresh-budget="6"></task-history>`);
    await untilLogged(script, 6);
    await delay(300); // fifteen more rounds
    const asked = (await script.log()).map((r) => new URL(r.url, location.href).pathname.split('/').pop());
    expect(asked, 'six requests in the minute, for six different runs').to.have.length(6);
    expect(new Set(asked).size).to.equal(6);
  });

  it('stops refreshing when removed from the page and ignores an answer that arrives afterwards', async () => {
    const script = await scriptStream([{ when: '/runs/trun_slow', ...json(parallelRun('trun_slow', 'completed'), 200, { delayMs: 300 }) }]);
    const store = freshStore();
    store.addRun(run('trun_slow', { status: 'running' }));
    const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} proxy-url=${script.url} refresh-interval="40"></task-history>`);
    await untilLogged(script, 1);
    el.remove();
    await delay(500);
    expect(store.getRun('trun_slow')!.status, 'the late answer was dropped').to.equal('running');
    expect(await script.log()).to.have.length(1);
  });

  it('shows runs another tab adds or removes, without a reload', async () => {
    const name = `history-tabs-${Date.now().toString(36)}`;
    const frame = document.createElement('iframe');
    document.body.append(frame);
    // A second browsing context of the same origin: its localStorage writes fire real `storage` events here.
    const otherTabStorage = frame.contentWindow!.localStorage as StorageLike;
    const store = createTaskStore({ name, persistence: localStorage, saveDelayMs: 0 });
    registerTaskStore(store);
    store.addRun(run('here'));
    store.flush();
    const otherTab = createTaskStore({ name, persistence: otherTabStorage, saveDelayMs: 60_000 });
    const otherStore = createTaskStore({ name: `${name}-x`, persistence: otherTabStorage, saveDelayMs: 60_000 });
    try {
      const el = await fixture<TaskHistoryElement>(html`<task-history store=${name} refresh-interval="0"></task-history>`);
      expect(ids(el)).to.deep.equal(['here']);
      otherStore.addRun(run('elsewhere'));
      otherStore.flush();
      otherTab.addRun(run('added-there', { createdAt: '2026-12-01T00:00:00Z', input: 'From the other tab' }));
      otherTab.flush();
      await until(() => ids(el).includes('added-there'), 3000, 'the run from the other tab');
      expect(ids(el), 'a store of another name is not mixed in').to.deep.equal(['added-there', 'here']);
      expect(item(el, 'added-there').textContent).to.contain('From the other tab');
      otherTab.removeRun('here');
      otherTab.flush();
      await until(() => ids(el).length === 1, 3000, 'the removal in the other tab');
      expect(ids(el)).to.deep.equal(['added-there']);
    } finally {
      otherTab.clear();
      otherStore.clear();
      releaseTaskStore(name);
      frame.remove();
      for (const key of Object.keys(localStorage)) if (key.startsWith(`${KEY_PREFIX}:${name}`)) localStorage.removeItem(key);
    }
  });

  it('renders hostile input and ids as inert text', async () => {
    const hostile = `<img src=x onerror="window.__xssHistory=1"><script>window.__xssHistory=2</script>`;
    const { el } = await historyOf([run(`trun_"><svg onload=window.__xssHistory=3>`, { input: hostile }), run('obj', { input: { html: hostile } })]);
    await delay(50);
    expect((window as { __xssHistory?: number }).__xssHistory).to.equal(undefined);
    expect(root(el).querySelectorAll('img, script, svg')).to.have.length(0);
    for (const node of root(el).querySelectorAll('*')) {
      for (const attr of node.getAttributeNames()) expect(attr.startsWith('on'), `${node.tagName} ${attr}`).to.equal(false);
    }
    expect(root(el).textContent).to.contain('<img src=x onerror="window.__xssHistory=1">');
    expect(ids(el)).to.include(`trun_"><svg onload=window.__xssHistory=3>`);
  });

  it('is accessible with runs, a selection and a focused listbox', async () => {
    const { el, store } = await historyOf([run('a', { status: 'running', createdAt: '2026-03-01T00:00:00Z' }), run('b', { status: 'failed' }), run('c', { status: 'cancelled' })]);
    store.select('b');
    await el.updateComplete;
    root(el).querySelector<HTMLElement>('[role="listbox"]')!.focus();
    await until(() => active(el) === 'b');
    await expect(el).to.be.accessible();
  });
});
