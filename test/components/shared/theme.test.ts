/**
 * The shared theme's status badges: their words come from the catalogs in sentence case and are
 * shown so in every language — only the first letter is raised (freshG: `text-transform:
 * capitalize` turned German "in der Warteschlange" into "In Der Warteschlange").
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { themeStyles } from '../../../src/components/shared/theme.js';

class ThemedBadge extends LitElement {
  static override styles = themeStyles;
  override render() {
    return html`<span class="badge" lang="de">in der Warteschlange</span>`;
  }
}
customElements.define('themed-badge-test', ThemedBadge);

describe('status badges (shared theme)', () => {
  it('raise only the first letter of their words, so a German status reads "In der Warteschlange"', async () => {
    const el = await fixture<ThemedBadge>(html`<themed-badge-test></themed-badge-test>`);
    const badge = el.shadowRoot!.querySelector('.badge')!;
    expect(getComputedStyle(badge).textTransform).to.equal('none');
    expect(getComputedStyle(badge, '::first-letter').textTransform).to.equal('uppercase');
  });
});
