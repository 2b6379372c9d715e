/**
 * The batch view's run rows show the run view's status badge (freshG closing note: rows said
 * "QUEUED", "RUNNING" in capitals while a single run's badge said "Queued"): the same parts
 * (`status status-<status>`), class, look and catalog words in sentence case, in English and German;
 * the count pills use the same words; axe finds nothing in light and dark.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { getGroupStore } from '../../../src/core/store/group-store.js';
import { de } from '../../../src/components/shared/i18n/de.js';
import { english } from '../../support/english.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';
/** The demo's dark theme, set as a page sets it: through the --task-* custom properties. */
const DARK = '--task-bg: #15181d; --task-surface: #1e232a; --task-fg: #e6e9ee; --task-muted: #a2abb8; --task-border: #343b46; --task-accent: #7aa2ff; --task-accent-fg: #0c1020; --task-ok: #5fd38a; --task-warn: #f0b44c; --task-danger: #ff8a80; color-scheme: dark; background: #15181d;';
const qa = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const words = { en: english as Record<string, unknown>, de: de as Record<string, unknown> };

async function batchView(lang: 'en' | 'de', theme: 'light' | 'dark' = 'light') {
  const store = freshStore();
  store.setCredential('parallel', KEY);
  const inputs = ['Acme', 'Globex', 'Initech', 'Umbrella'];
  const group = await getGroupStore(store.name).submit({ inputs, processor: 'lite', metadata: { mock_speed: 4 } },
    { provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY } });
  const root = await fixture<HTMLDivElement>(html`<div lang=${lang} style="width: 900px; ${theme === 'dark' ? DARK : ''}">
    <task-stream store=${store.name} proxy-url="/mock" auth-mode="api-key" run-id=${group.groupId} style="display: block"></task-stream></div>`);
  const stream = root.querySelector<TaskStreamElement>('task-stream')!;
  await until(() => qa(stream, '[part="group-run"]').length === inputs.length, 10_000, 'the runs');
  // A German page renders in English until its catalog (a chunk of its own) has loaded.
  await until(() => qa(stream, '[part="group-run"] [part~="status"]').every((b) => b.textContent === words[lang][`status.${b.dataset.status}`]), 10_000, `the ${lang} words`);
  return { stream, total: inputs.length };
}

/** Checks every row's badge against the catalog of `lang`; returns the statuses seen. */
function checkRows(stream: TaskStreamElement, lang: 'en' | 'de'): string[] {
  return qa(stream, '[part="group-run"]').map((row) => {
    const status = row.dataset.status!;
    const badge = row.querySelector<HTMLElement>('[part~="status"]')!;
    expect(badge, `the ${status} row has the status part`).to.not.equal(null);
    expect(badge.getAttribute('part')).to.equal(`status status-${status}`);
    expect(badge.classList.contains('badge')).to.equal(true);
    expect(badge.dataset.status).to.equal(status);
    expect(badge.textContent).to.equal(words[lang][`status.${status}`]);
    expect(getComputedStyle(badge).textTransform, 'no capitals for the whole word').to.equal('none');
    expect(badge.innerText.trim(), 'shown in sentence case, not in capitals').to.not.equal(badge.textContent!.toUpperCase());
    return status;
  });
}

describe('batch rows show the run view’s status badge', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
  });

  for (const lang of ['en', 'de'] as const) {
    it(`in ${lang === 'en' ? 'English' : 'German'}: the same parts, class and words as a single run, mid-run and at the end; pills in the same words`, async function () {
      this.timeout(40_000);
      const { stream, total } = await batchView(lang);
      const seen = new Set(checkRows(stream, lang));
      await until(() => {
        for (const status of checkRows(stream, lang)) seen.add(status);
        return qa(stream, '[part="group-run"][data-status="completed"]').length === total;
      }, 30_000, 'every run completed');
      expect(seen.has('completed')).to.equal(true);
      checkRows(stream, lang);
      const pill = qa(stream, '[part="group-count"]');
      expect(pill.map((li) => li.textContent!.trim())).to.deep.equal([`${total} ${words[lang]['status.completed']}`]);

      // Badges and inputs line up in columns, whatever the words' length.
      const lefts = (selector: string) => new Set(qa(stream, `[part="group-run"] ${selector}`).map((el) => Math.round(el.getBoundingClientRect().left)));
      expect(lefts('[part~="status"]').size, 'badges in one column').to.equal(1);
      expect(lefts('.preview').size, 'inputs in one column').to.equal(1);

      // The row's badge looks like the badge of the same run opened in the view.
      const rowBadge = stream.shadowRoot!.querySelector<HTMLElement>('[part="group-run"] [part~="status"]')!;
      const look = (el: HTMLElement) => { const s = getComputedStyle(el); return [s.color, s.fontSize, s.borderTopWidth, s.borderRadius, s.paddingLeft, s.textTransform]; };
      const rowLook = look(rowBadge);
      stream.shadowRoot!.querySelector<HTMLElement>('.group-run')!.click();
      await until(() => !!stream.shadowRoot!.querySelector('[part="group-run-open"] [part~="status"]'), 10_000, 'the opened run');
      const openBadge = stream.shadowRoot!.querySelector<HTMLElement>('[part="group-run-open"] [part~="status"]')!;
      expect(openBadge.getAttribute('part')).to.equal('status status-completed');
      expect(look(openBadge)).to.deep.equal(rowLook);
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations mid-run and at the end (${theme}, English and German)`, async function () {
      this.timeout(60_000);
      for (const lang of ['en', 'de'] as const) {
        const { stream, total } = await batchView(lang, theme);
        await expect(stream).to.be.accessible();
        await until(() => qa(stream, '[part="group-run"][data-status="completed"]').length === total, 30_000, 'every run completed');
        await expect(stream).to.be.accessible();
      }
    });
  }
});
