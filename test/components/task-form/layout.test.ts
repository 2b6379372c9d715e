import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { freshStore } from '../../support/stores.js';
import { choose, type } from './helpers.js';

/** The demo's dark theme, set the way a page sets it: through the --task-* custom properties. */
const DARK = '--task-bg: #15181d; --task-surface: #1e232a; --task-fg: #e6e9ee; --task-muted: #a2abb8; --task-border: #343b46; --task-accent: #7aa2ff; --task-accent-fg: #0c1020; --task-ok: #5fd38a; --task-warn: #f0b44c; --task-danger: #ff8a80; color-scheme: dark;';

/**
 * Sets the window size. WebKit's WebDriver cannot (wtr: "Setting viewport is not supported for
 * browser type webdriver"): there the form is laid out at the wrapper's width in the default window,
 * which is what its layout follows (the width of its container, not media queries).
 */
async function viewport(width: number, height: number): Promise<void> {
  try {
    await setViewport({ width, height });
  } catch (error) {
    if (!/not supported/i.test(String(error))) throw error;
  }
}

async function formAt(width: number, provider: 'parallel' | 'shannon', theme: 'light' | 'dark') {
  await viewport(width, 900);
  const store = freshStore();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width <= 480 ? width - 24 : Math.round(width / 3)}px; padding: 0; ${theme === 'dark' ? DARK : ''}">
    <task-form store=${store.name} provider=${provider} auth-mode="api-key"></task-form></div>`);
  const el = wrapper.querySelector('task-form') as TaskFormElement;
  for (const details of el.shadowRoot!.querySelectorAll('details')) details.open = true;
  await el.updateComplete;
  return el;
}

/** Every control, chip and button whose box sticks out of the box of the section or form around it. */
function overflowing(el: TaskFormElement): string[] {
  const root = el.shadowRoot!;
  const out: string[] = [];
  for (const item of root.querySelectorAll<HTMLElement>('input, select, textarea, button, .chip, .set-values li')) {
    if (!item.getClientRects().length) continue;
    const container = item.closest<HTMLElement>('details, fieldset.group') ?? root.querySelector<HTMLElement>('form')!;
    const outer = container.getBoundingClientRect();
    const inner = { left: outer.left + container.clientLeft, right: outer.left + container.clientLeft + container.clientWidth };
    const box = item.getBoundingClientRect();
    if (box.left < inner.left - 0.5 || box.right > inner.right + 0.5) out.push(`${item.localName}#${item.id || item.textContent!.trim().slice(0, 20)} by ${Math.round(Math.max(inner.left - box.left, box.right - inner.right))}px`);
  }
  return out;
}

describe('<task-form> layout', () => {
  after(() => viewport(800, 600));

  for (const theme of ['light', 'dark'] as const) {
    for (const width of [375, 1024, 1440]) {
      it(`at ${width} px (${theme}): every Parallel control, the advanced ones included, fits inside its box`, async () => {
        const el = await formAt(width, 'parallel', theme);
        await choose(el, 'outputType', 'json');
        await type(el, '#pf-include-domain', 'a-very-long-subdomain-name.of-an-example-company.example.com');
        el.shadowRoot!.querySelector<HTMLButtonElement>('.chip-input button')!.click();
        await type(el, '#pf-webhook', 'https://hooks.example.com/a/very/long/path/that/goes/on/and/on/without/any/break/at/all');
        await type(el, '#pf-previous', 'int_0123456789abcdef0123456789abcdef0123456789abcdef');
        expect(overflowing(el)).to.deep.equal([]);
        expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
        await expect(el).to.be.accessible();
      });

      it(`at ${width} px (${theme}): every Shannon control fits inside its box`, async () => {
        const el = await formAt(width, 'shannon', theme);
        await type(el, '#sf-sessionId', 'session-0123456789abcdef0123456789abcdef0123456789');
        expect(overflowing(el)).to.deep.equal([]);
        expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
        await expect(el).to.be.accessible();
      });
    }
  }
});
