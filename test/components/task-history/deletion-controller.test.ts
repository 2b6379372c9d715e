/**
 * A deletion in `<task-history>` can be taken back by keyboard wherever the focus is in the history
 * (new-user trial: after deleting the last entry the focus went to the search box, and Control+Z
 * there did nothing). Control+Z (⌘Z) undoes the pending deletion from the list, a batch, the Undo
 * bar or the search box, except in the search box after the person typed in it since the deletion:
 * then it is the browser's own text undo. Deleting something still running says so, for a run and
 * for a batch alike, in the words "Clear all" uses.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { createGroupStore, registerGroupStore, type GroupRecord } from '../../../src/core/store/group-store.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';
import { engine } from '../../support/engine.js';

const run = (id: string, minute: number, status: TaskRun['status'] = 'completed'): TaskRun => ({
  id, provider: 'parallel', status, createdAt: `2026-01-01T00:${String(minute).padStart(2, '0')}:00Z`, processor: 'core', input: `Question ${id}`,
});

function batch(groupId: string, active = false): GroupRecord {
  const runIds = [`${groupId}_r1`, `${groupId}_r2`];
  const status = active ? 'running' : 'completed';
  return {
    groupId, createdAt: '2026-01-02T00:00:00Z', processor: 'lite', runIds, previews: Object.fromEntries(runIds.map((id) => [id, `input of ${id}`])),
    state: { status: { total: 2, counts: { [status]: 2 }, active }, runs: runIds.map((runId) => ({ runId, status })) } as GroupRecord['state'],
  };
}

const root = (el: TaskHistoryElement) => el.shadowRoot!;
const q = (el: TaskHistoryElement, selector: string) => root(el).querySelector<HTMLElement>(selector);
const qa = (el: TaskHistoryElement, selector: string) => [...root(el).querySelectorAll<HTMLElement>(selector)];
const runIds = (el: TaskHistoryElement) => qa(el, '[role="option"]').map((option) => option.dataset['id']);
const deleteButtonOf = (el: TaskHistoryElement, id: string) => q(el, `.item-actions[data-id="${id}"] .danger`)!;
const focused = (el: TaskHistoryElement) => root(el).activeElement as HTMLElement | null;

/** A history of runs (newest first by `minute`) and, if given, batches persisted as after a reload. */
async function historyOf(runs: TaskRun[], groups: GroupRecord[] = [], lang = 'en') {
  const store = freshStore();
  for (const r of runs) store.addRun(r);
  if (groups.length) {
    localStorage.setItem(`task-elements-groups:${store.name}`, JSON.stringify({ groups }));
    registerGroupStore(createGroupStore(store.name));
  }
  const el = await fixture<TaskHistoryElement>(html`<task-history lang=${lang} store=${store.name} refresh-interval="0"></task-history>`);
  await until(() => qa(el, '[role="option"]').length === runs.length && qa(el, '[part="group-item"]').length === groups.length, 5000, 'the entries');
  return { el, store };
}

/**
 * Presses Control+Z (or ⌘Z) with the real keyboard; resolves with whether the history took it (it
 * prevents the browser's default) as seen by a listener on the window, after every other.
 */
async function pressUndo(modifier: 'Control' | 'Meta' = 'Control'): Promise<boolean> {
  let taken: boolean | undefined;
  const listener = (event: KeyboardEvent) => { if (event.key.toLowerCase() === 'z') taken = event.defaultPrevented; };
  window.addEventListener('keydown', listener);
  try {
    if (engine === 'webkit') {
      // WebDriver (WebKit) knows only press and type; a press of the modifier's code and Z is the chord.
      await sendKeys({ press: `${modifier === 'Control' ? '\uE009' : '\uE03D'}z` });
    } else {
      await sendKeys({ down: modifier });
      try {
        await sendKeys({ press: 'z' });
      } finally {
        await sendKeys({ up: modifier });
      }
    }
  } finally {
    window.removeEventListener('keydown', listener);
  }
  expect(taken, 'the key reached the page').to.not.equal(undefined);
  return taken!;
}

describe('<task-history> deletion: Undo by keyboard wherever the focus is', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
  });

  it('the only run, deleted by its button: the focus goes to the search box, and Control+Z there brings the run back', async () => {
    const { el, store } = await historyOf([run('only', 1)]);
    deleteButtonOf(el, 'only').focus();
    deleteButtonOf(el, 'only').click();
    await until(() => focused(el)?.getAttribute('type') === 'search', 2000, 'the focus in the search box');
    expect(runIds(el)).to.deep.equal([]);
    expect(await pressUndo(), 'Control+Z is the history\'s').to.equal(true);
    await until(() => runIds(el).length === 1, 2000, 'the run back');
    expect(q(el, '[part="undo"]')).to.equal(null);
    el.remove();
    expect(store.getRuns().map((r) => r.id), 'not deleted').to.deep.equal(['only']);
  });

  it('the last run of the list, deleted with the Delete key: Control+Z brings it back', async () => {
    const { el } = await historyOf([run('first', 3), run('middle', 2), run('last', 1)]);
    const listbox = q(el, '[role="listbox"]')!;
    listbox.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Delete' });
    await until(() => runIds(el).length === 2, 2000, 'the last run hidden');
    expect(await pressUndo()).to.equal(true);
    await until(() => runIds(el).length === 3, 2000, 'the run back');
    expect(runIds(el)).to.deep.equal(['first', 'middle', 'last']);
  });

  it('the last run of the list, deleted by its button: Control+Z brings it back', async () => {
    const { el } = await historyOf([run('first', 2), run('last', 1)]);
    deleteButtonOf(el, 'last').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => runIds(el).length === 1, 2000, 'the last run hidden');
    expect(await pressUndo()).to.equal(true);
    await until(() => runIds(el).length === 2, 2000, 'the run back');
  });

  it('a batch, the only entry, deleted by its button: Control+Z in the search box brings it back', async () => {
    const { el } = await historyOf([], [batch('tgrp_a')]);
    q(el, '[part="group-delete"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => qa(el, '[part="group-item"]').length === 0, 2000, 'the batch hidden');
    await until(() => focused(el)?.getAttribute('type') === 'search', 2000, 'the focus in the search box');
    expect(await pressUndo()).to.equal(true);
    await until(() => qa(el, '[part="group-item"]').length === 1, 2000, 'the batch back');
    await until(() => focused(el) === q(el, '[part="group-item"]'), 2000, 'the focus on the batch');
  });

  it('with the focus on the Undo bar\'s button, Control+Z (and ⌘Z) brings the deletion back', async () => {
    const { el } = await historyOf([run('a', 2), run('b', 1)]);
    deleteButtonOf(el, 'a').click();
    await until(() => runIds(el).length === 1, 2000, 'hidden');
    q(el, '[part="undo"] button')!.focus();
    expect(await pressUndo()).to.equal(true);
    await until(() => runIds(el).length === 2, 2000, 'back');
    deleteButtonOf(el, 'b').click();
    await until(() => runIds(el).length === 1, 2000, 'hidden again');
    q(el, '[part="undo"] button')!.focus();
    expect(await pressUndo('Meta'), '⌘Z as on macOS').to.equal(true);
    await until(() => runIds(el).length === 2, 2000, 'back again');
  });

  it('in the search box, Control+Z undoes the deletion until the person types there; after typing it is the browser\'s text undo', async () => {
    const { el, store } = await historyOf([run('a', 2), run('b', 1)]);
    deleteButtonOf(el, 'a').click();
    await until(() => runIds(el).length === 1, 2000, 'hidden');
    const search = q(el, 'input[type="search"]') as HTMLInputElement;
    search.focus();
    expect(await pressUndo(), 'nothing typed since the deletion').to.equal(true);
    await until(() => runIds(el).length === 2, 2000, 'back');
    deleteButtonOf(el, 'a').click();
    await until(() => runIds(el).length === 1, 2000, 'hidden again');
    search.focus();
    await sendKeys({ type: 'xy' });
    expect(await pressUndo(), 'typed since: the browser\'s own undo').to.equal(false);
    expect(q(el, '[part="undo"]'), 'the deletion can still be undone').to.not.equal(null);
    q(el, '[part="undo"] button')!.click();
    await until(() => q(el, '[part="undo"]') === null, 2000, 'undone by the button');
    el.remove();
    expect(store.getRuns().map((r) => r.id)).to.deep.equal(['a', 'b']);
  });

  it('without a deletion to undo, Control+Z is left to the browser', async () => {
    const { el } = await historyOf([run('a', 1)]);
    (q(el, 'input[type="search"]') as HTMLInputElement).focus();
    expect(await pressUndo()).to.equal(false);
    q(el, '[role="listbox"]')!.focus();
    expect(await pressUndo()).to.equal(false);
  });
});

describe('<task-history> deletion of something still running', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
  });

  it('a running run is deleted at once with Undo, and the notice says the provider goes on with it; a finished one says nothing of it', async () => {
    const { el } = await historyOf([run('live', 2, 'running'), run('done', 1)]);
    deleteButtonOf(el, 'live').click();
    await until(() => runIds(el).length === 1, 2000, 'hidden');
    expect(q(el, '[part="undo"] span')!.textContent).to.equal(
      'Deleted “Question live”. It is still running: the provider goes on with it, but this page stops following it.');
    expect(q(el, '[role="status"]')!.textContent).to.equal(
      'Deleted run “Question live”. Undo with Control+Z. It is still running: the provider goes on with it, but this page stops following it.');
    deleteButtonOf(el, 'done').click();
    await until(() => runIds(el).length === 0, 2000, 'hidden');
    expect(q(el, '[part="undo"] span')!.textContent).to.equal('Deleted “Question done”.');
    expect(q(el, '[role="status"]')!.textContent).to.equal('Deleted run “Question done”. Undo with Control+Z.');
  });

  it('a running batch is deleted the same way: at once, with Undo, and the same words', async () => {
    const { el } = await historyOf([], [batch('tgrp_live', true), batch('tgrp_done')]);
    q(el, '[part="group-item"][data-id="tgrp_live"] + [part="group-delete"]')!.click();
    await until(() => qa(el, '[part="group-item"]').length === 1, 2000, 'hidden');
    expect(q(el, '[part="confirm"]'), 'no question').to.equal(null);
    expect(q(el, '[part="undo"] span')!.textContent).to.equal(
      'Deleted “Batch of 2 runs”. It is still running: the provider goes on with it, but this page stops following it.');
    expect(q(el, '[role="status"]')!.textContent).to.equal(
      'Deleted “Batch of 2 runs”. Undo with Control+Z. It is still running: the provider goes on with it, but this page stops following it.');
    q(el, '[part="group-delete"]')!.click();
    await until(() => qa(el, '[part="group-item"]').length === 0, 2000, 'hidden');
    expect(q(el, '[part="undo"] span')!.textContent).to.equal('Deleted “Batch of 2 runs”.');
  });

  it('says it in German, for a run and for a batch', async () => {
    const { el } = await historyOf([run('live', 2, 'running')], [batch('tgrp_live', true)], 'de');
    await until(() => deleteButtonOf(el, 'live').textContent!.trim() === 'Löschen', 5000, 'German');
    deleteButtonOf(el, 'live').click();
    await until(() => runIds(el).length === 0, 2000, 'hidden');
    expect(q(el, '[part="undo"] span')!.textContent).to.equal(
      '„Question live“ gelöscht. Er läuft noch: Der Anbieter führt ihn weiter aus, aber diese Seite verfolgt ihn nicht mehr.');
    q(el, '[part="group-delete"]')!.click();
    await until(() => qa(el, '[part="group-item"]').length === 0, 2000, 'hidden');
    expect(q(el, '[part="undo"] span')!.textContent).to.equal(
      '„Stapel mit 2 Läufen“ gelöscht. Er läuft noch: Der Anbieter führt ihn weiter aus, aber diese Seite verfolgt ihn nicht mehr.');
  });
});
