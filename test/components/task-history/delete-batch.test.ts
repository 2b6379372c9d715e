/**
 * A batch (Parallel task group) in `<task-history>` is deleted like a run (issue 13 §13, issue 14 §2):
 * its Delete button and the Delete key hide it at once with Undo (Control+Z) for a few seconds, then
 * the group record and its runs leave the group store and localStorage; "Clear all" counts batches.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import { createGroupStore, registerGroupStore, type GroupRecord } from '../../../src/core/store/group-store.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const qa = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const q = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

function batch(groupId: string, createdAt: string, active = false): GroupRecord {
  const runIds = [`${groupId}_r1`, `${groupId}_r2`];
  const status = active ? 'running' : 'completed';
  return {
    groupId, createdAt, processor: 'lite', runIds, previews: Object.fromEntries(runIds.map((id) => [id, `input of ${id}`])),
    state: { status: { total: 2, counts: { [status]: 2 }, active }, runs: runIds.map((runId) => ({ runId, status })) } as GroupRecord['state'],
  };
}

/** A history over a real task store and a group store persisted to localStorage, as after a reload. */
async function historyWith(groups: GroupRecord[], runs = 0) {
  const store = freshStore();
  for (let i = 0; i < runs; i++) store.addRun({ id: `trun_${i}`, provider: 'parallel', status: 'completed', createdAt: `2026-01-01T00:0${i}:00Z`, processor: 'core', input: `Question ${i}` });
  const key = `task-elements-groups:${store.name}`;
  localStorage.setItem(key, JSON.stringify({ groups }));
  const groupStore = createGroupStore(store.name);
  registerGroupStore(groupStore);
  const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} refresh-interval="0"></task-history>`);
  await until(() => qa(el, '[part="group-item"]').length === groups.length, 5000, 'the batches');
  return { el, store, groupStore, key };
}

const stored = (key: string) => (JSON.parse(localStorage.getItem(key) ?? '{"groups":[]}') as { groups: GroupRecord[] }).groups.map((g) => g.groupId);

describe('<task-history> deletes batches', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
  });

  it('a batch has a Delete button: it hides the batch with Undo, moves the selection to the next batch, then removes the group and its runs from storage', async () => {
    const { el, groupStore, key } = await historyWith([batch('tgrp_a', '2026-01-02T00:00:00Z'), batch('tgrp_b', '2026-01-01T00:00:00Z')]);
    groupStore.select('tgrp_a');
    await el.updateComplete;
    const remove = q(el, '[part="group-delete"]')!;
    expect(remove.textContent!.trim()).to.equal('Delete');
    remove.click();
    await el.updateComplete;
    expect(qa(el, '[part="group-item"]').length, 'hidden at once').to.equal(1);
    expect(q(el, '[part="undo"]')!.textContent).to.contain('Batch of 2 runs');
    expect(groupStore.selectedId, 'the next batch is shown').to.equal('tgrp_b');
    await until(() => el.shadowRoot!.activeElement === qa(el, '[part="group-item"]')[0], 2000, 'focus on the next batch');
    el.remove(); // leaving the page commits the deletion
    expect(groupStore.get('tgrp_a'), 'the group record is gone').to.equal(undefined);
    await until(() => !stored(key).includes('tgrp_a'), 2000, 'the group gone from localStorage');
    expect(stored(key)).to.deep.equal(['tgrp_b']);
  });

  it('Delete on a focused batch deletes it, and Control+Z brings it back', async () => {
    const { el, groupStore } = await historyWith([batch('tgrp_a', '2026-01-02T00:00:00Z')], 1);
    const item = qa(el, '[part="group-item"]')[0]!;
    item.focus();
    item.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(qa(el, '[part="group-item"]').length, 'hidden').to.equal(0);
    const focused = el.shadowRoot!.activeElement as HTMLElement;
    expect(focused?.getAttribute('role'), 'the list of runs has the focus').to.equal('listbox');
    focused.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true }));
    await el.updateComplete;
    expect(qa(el, '[part="group-item"]').length, 'restored').to.equal(1);
    expect(q(el, '[part="undo"]')).to.equal(null);
    el.remove();
    expect(groupStore.get('tgrp_a'), 'still stored').to.not.equal(undefined);
  });

  it('Backspace on a batch deletes it too', async () => {
    const { el } = await historyWith([batch('tgrp_a', '2026-01-02T00:00:00Z')]);
    qa(el, '[part="group-item"]')[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(qa(el, '[part="group-item"]').length).to.equal(0);
  });

  it('with only a batch stored, "Clear all" is enabled, asks about 1 batch and removes it', async () => {
    const { el, groupStore, key } = await historyWith([batch('tgrp_a', '2026-01-02T00:00:00Z')]);
    const clear = q(el, '[part="clear"]') as HTMLButtonElement;
    expect(clear.disabled, 'Clear all enabled').to.equal(false);
    clear.click();
    await el.updateComplete;
    expect(q(el, '#confirm-text')!.textContent).to.equal('Delete 1 batch from this browser? This cannot be undone.');
    const confirm = q(el, '[part="confirm"] .danger')!;
    expect(confirm.textContent!.trim()).to.equal('Delete 1 batch');
    confirm.click();
    await el.updateComplete;
    expect(groupStore.groups.length).to.equal(0);
    expect(qa(el, '[part="group-item"]').length).to.equal(0);
    await until(() => stored(key).length === 0, 2000, 'localStorage emptied');
  });

  it('the confirmation of "Clear all" counts runs and batches, and calls out the running batch', async () => {
    const { el, store, groupStore } = await historyWith([batch('tgrp_a', '2026-01-02T00:00:00Z', true)], 2);
    q(el, '[part="clear"]')!.click();
    await el.updateComplete;
    expect(q(el, '#confirm-text')!.textContent).to.equal(
      'Delete 2 runs and 1 batch from this browser? 1 of them is still running: the provider goes on with it, but this page stops following it. This cannot be undone.',
    );
    expect(q(el, '[part="confirm"] .danger')!.textContent!.trim()).to.equal('Delete 2 runs and 1 batch');
    q(el, '[part="confirm"] .danger')!.click();
    await el.updateComplete;
    expect(store.getRuns().length).to.equal(0);
    expect(groupStore.groups.length).to.equal(0);
  });

  it('"Clear shown" honours the filter: a finished batch is not among the active ones', async () => {
    const { el, store, groupStore } = await historyWith([batch('tgrp_a', '2026-01-02T00:00:00Z')], 1);
    store.addRun({ id: 'trun_live', provider: 'parallel', status: 'running', createdAt: '2026-01-03T00:00:00Z', processor: 'core', input: 'Live' });
    const filter = q(el, '[part="status-filter"]') as HTMLSelectElement;
    filter.value = 'active';
    filter.dispatchEvent(new Event('change'));
    await el.updateComplete;
    q(el, '[part="clear"]')!.click();
    await el.updateComplete;
    expect(q(el, '[part="confirm"] .danger')!.textContent!.trim()).to.equal('Delete 1 run');
    q(el, '[part="confirm"] .danger')!.click();
    await el.updateComplete;
    expect(store.getRuns().map((r) => r.id)).to.deep.equal(['trun_0']);
    expect(groupStore.groups.length, 'the finished batch stays').to.equal(1);
  });

  it('says it in German', async () => {
    const { el } = await historyWith([batch('tgrp_a', '2026-01-02T00:00:00Z')], 2);
    el.setAttribute('lang', 'de');
    await until(() => q(el, '[part="clear"]')!.textContent!.trim() === 'Alle löschen', 5000, 'German');
    q(el, '[part="clear"]')!.click();
    await el.updateComplete;
    expect(q(el, '#confirm-text')!.textContent).to.contain('2 Läufe und 1 Stapel');
    expect(q(el, '[part="confirm"] .danger')!.textContent!.trim()).to.equal('2 Läufe und 1 Stapel löschen');
    await until(() => q(el, '[part="group-delete"]')?.textContent!.trim() === 'Löschen', 5000, 'the batch\'s Delete in German');
  });
});
