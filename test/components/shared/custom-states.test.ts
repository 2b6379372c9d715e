import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { CustomStatesController } from '../../../src/components/shared/custom-states.js';
import { engine } from '../../support/engine.js';

class StatesProbe extends LitElement {
  states: string[] = ['running'];
  readonly controller = new CustomStatesController(this, () => this.states);
  override render() {
    return html`<p>${this.states.join(' ')}</p>`;
  }
}
customElements.define('states-probe', StatesProbe);

/** An element that took its ElementInternals before the controller could: the controller gets none. */
class TakenInternals extends LitElement {
  readonly internals = this.attachInternals();
  readonly controller = new CustomStatesController(this, () => ['running']);
  override render() {
    return html`<p>rendered</p>`;
  }
}
customElements.define('taken-internals', TakenInternals);

describe('custom states (ElementInternals.states, CSS :state())', () => {
  it(`page CSS matches :state(name) on the host, and states follow updates: ${engine}`, async () => {
    const el = await fixture<StatesProbe>(html`<states-probe></states-probe>`);
    expect(el.matches(':state(running)')).to.equal(true);
    el.states = ['failed'];
    el.requestUpdate();
    await el.updateComplete;
    expect(el.matches(':state(running)')).to.equal(false);
    expect(el.matches(':state(failed)')).to.equal(true);
  });

  it('without internals of its own (already attached), the element gets no states and still renders and updates', async () => {
    const el = await fixture<TakenInternals>(html`<taken-internals></taken-internals>`);
    expect(el.matches(':state(running)')).to.equal(false);
    expect(el.shadowRoot!.textContent).to.contain('rendered');
    el.requestUpdate();
    await el.updateComplete;
  });
});
