import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskHistoryElement } from '../../src/components/task-history/task-history.js';
import type { TaskRun, TaskStatus } from '../../src/core/providers/task-event.js';
import { freshStore } from '../support/stores.js';
import { until } from '../support/scripted-stream.js';
import { PSEUDO_LANG, pseudo, registerPseudoLocale, untranslated } from '../support/pseudo-locale.js';

const STATUSES: TaskStatus[] = ['queued', 'running', 'action_required', 'paused', 'cancelling', 'completed', 'failed', 'cancelled', 'timeout', 'unknown'];
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
/** Runs whose data has no ASCII words: what remains in English is the element's own text. */
const runs = (): TaskRun[] => STATUSES.map((status, i) => ({
  id: `٣٢١-${i}`, provider: i % 2 ? 'shannon' : 'parallel', status, createdAt: minutesAgo(3 + i * 90), input: i === 3 ? undefined : `Вопрос ${i}`,
}));
const root = (el: TaskHistoryElement) => el.shadowRoot!;
const press = (target: Element, key: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));

async function historyIn(lang: string, list: TaskRun[] = runs(), attrs = '') {
  const store = freshStore();
  for (const run of list) store.addRun(run);
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang} dir=${lang.startsWith('ar') ? 'rtl' : 'ltr'}>
    <task-history store=${store.name} refresh-interval="0" auth-mode=${attrs || 'none'}></task-history></div>`);
  const el = wrapper.querySelector('task-history')!;
  await el.updateComplete;
  return { el, store };
}

describe('<task-history> in the user’s language', () => {
  it('speaks German with German formats: counts, statuses, relative times, buttons and labels', async () => {
    const { el } = await historyIn('de');
    const text = root(el).textContent!;
    expect(root(el).querySelector('.count')!.textContent).to.equal('10 Läufe');
    expect(text).to.contain('vor 3 Minuten');
    expect(text).to.contain('Aktion erforderlich');
    expect(text).to.contain('Keine Eingabe gespeichert');
    expect(root(el).querySelector('input[type="search"]')!.getAttribute('placeholder')).to.equal('Läufe durchsuchen');
    expect(root(el).querySelector('[role="listbox"]')!.getAttribute('aria-label')).to.equal('Läufe');
    expect([...root(el).querySelectorAll('[part="item-actions"]')].map((g) => g.getAttribute('aria-label'))).to.include('Lauf ٣٢١-0');
    expect([...root(el).querySelectorAll('option')].map((o) => o.textContent)).to.deep.equal(['Alle Status', 'Aktiv', 'Abgeschlossen', 'Fehlgeschlagen', 'Abgebrochen']);
    (root(el).querySelector('[part="clear"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(root(el).querySelector('[part="confirm"]')!.textContent).to.contain('Alle 10 Läufe aus diesem Browser löschen?');
    (root(el).querySelector('[part="confirm"] button.danger') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(root(el).querySelector('[role="status"]')!.textContent).to.equal('10 Läufe gelöscht.');
    expect(root(el).querySelector('[part="empty"]')!.textContent).to.contain('Noch keine Läufe.');
  });

  it('counts thousands with the language’s separators', async () => {
    const many = Array.from({ length: 1234 }, (_, i): TaskRun => ({ id: `r${i}`, provider: 'parallel', status: 'completed', createdAt: minutesAgo(1) }));
    const { el } = await historyIn('de', many);
    expect(root(el).querySelector('.count')!.textContent).to.equal('1.234 Läufe');
  });

  describe('every visible string is localizable: each state under a pseudo-language leaves no English', () => {
    before(registerPseudoLocale);
    const data = (list: TaskRun[]) => list.flatMap((r) => [r.id]);

    it('a list of runs in every status, the confirmation, the announcement and the empty state', async () => {
      const list = runs();
      const { el } = await historyIn(PSEUDO_LANG, list);
      await until(() => root(el).querySelector('[part="clear"]')!.textContent!.trim() === pseudo('Clear all'), 3000, 'the pseudo catalog');
      expect(untranslated(root(el), data(list)), 'list').to.deep.equal([]);
      (root(el).querySelector('[part="clear"]') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(untranslated(root(el), data(list)), 'confirmation').to.deep.equal([]);
      const listbox = root(el).querySelector('[role="listbox"]')!;
      (root(el).querySelector('[data-confirm="keep"]') as HTMLButtonElement).click();
      await el.updateComplete;
      listbox.dispatchEvent(new FocusEvent('focus'));
      press(listbox, 'Delete');
      await el.updateComplete;
      expect(root(el).querySelector('[role="status"]')!.textContent).to.match(new RegExp(`^${pseudo('Deleted run')}`));
      expect(root(el).querySelector('[part="undo"]'), 'the deletion can be undone').to.not.equal(null);
      expect(untranslated(root(el), data(list)), 'after a delete, with Undo').to.deep.equal([]);
      const filterShown = async (status: string) => {
        const select = root(el).querySelector<HTMLSelectElement>('[part="status-filter"]')!;
        select.value = status;
        select.dispatchEvent(new Event('change'));
        await el.updateComplete;
      };
      await filterShown('active');
      (root(el).querySelector('[part="clear"]') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(untranslated(root(el), data(list)), 'clearing what the filter shows, some still running').to.deep.equal([]);
      (root(el).querySelector('[data-confirm="keep"]') as HTMLButtonElement).click();
      await filterShown('all');
      const search = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
      search.value = 'zzz';
      search.dispatchEvent(new Event('input'));
      await until(() => !!root(el).querySelector('[part="empty"]'), 2000, 'no match');
      expect(untranslated(root(el), data(list)), 'no match').to.deep.equal([]);
      (root(el).querySelector('[part="empty"] button') as HTMLButtonElement).click();
      await el.updateComplete;
      (root(el).querySelector('[part="clear"]') as HTMLButtonElement).click();
      await el.updateComplete;
      (root(el).querySelector('[part="confirm"] button.danger') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(untranslated(root(el)), 'empty').to.deep.equal([]);
    });

    it('the sign-in state of auth-mode="oauth"', async () => {
      const { el } = await historyIn(PSEUDO_LANG, [], 'oauth');
      await until(() => !!root(el).querySelector('[data-reason="sign-in"] .muted'), 5000, 'the sign-in state (the sign-in code loaded)');
      expect(untranslated(root(el)), 'sign-in').to.deep.equal([]);
    });

    it('the pseudo-language catches English: a string outside the catalog is reported', async () => {
      const { el } = await historyIn(PSEUDO_LANG, []);
      const probe = document.createElement('p');
      probe.textContent = 'Clear all';
      probe.title = pseudo('Clear all');
      root(el).append(probe);
      expect(untranslated(root(el))).to.deep.equal(['Clear all']);
    });
  });
});
