/**
 * The stream's confirmation at phone widths (issue 13 §14): "Yes, cancel the run" and "Keep it
 * running" stay together (never one beside the question and the other under it), and nothing sticks out.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const WF = 'task-00000000-0000-0000-0000-00000000c0df-1761545271';
const middle = (el: Element) => {
  const box = el.getBoundingClientRect();
  return box.top + box.height / 2;
};

describe('<task-stream> cancel confirmation at narrow widths', () => {
  for (const width of [300, 343, 375, 600]) {
    it(`at ${width} px the two answers stay together and inside the element`, async () => {
      const script = await scriptStream([{ when: '/stream/sse', events: [{ id: '1-0', event: 'WORKFLOW_STARTED', data: JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_STARTED', agent_id: 'orchestrator', message: 'Starting', seq: 1, stream_id: '1-0' }) }], end: 'hang' }]);
      const store = freshStore();
      store.addRun({ id: WF, provider: 'shannon', status: 'running', createdAt: new Date().toISOString(), input: 'A long, paid research task' });
      const box = await fixture<HTMLDivElement>(html`<div style=${`width: ${width}px`}><task-stream provider="shannon" store=${store.name} run-id=${WF} proxy-url=${script.url}></task-stream></div>`);
      const el = box.querySelector('task-stream') as TaskStreamElement;
      await until(() => !!el.shadowRoot!.querySelector('[part~="cancel"]'), 5000, 'the cancel button');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel"]')!.click();
      await el.updateComplete;
      const question = el.shadowRoot!.querySelector('[part~="confirm"] > span:first-child')!;
      const [yes, keep] = [...el.shadowRoot!.querySelectorAll('[part~="confirm"] button')];
      expect(yes!.textContent).to.equal('Yes, cancel the run');
      const sameLine = (a: Element, b: Element) => Math.abs(middle(a) - middle(b)) <= 4;
      // Together: both beside the question, or both under it (side by side, or one above the other
      // where a line cannot hold two) — never one beside the question and the other under it.
      expect(sameLine(question, yes!) && !sameLine(yes!, keep!), 'split: one answer beside the question, one under it').to.equal(false);
      if (width >= 600) expect(sameLine(yes!, keep!), 'a wide view has them side by side').to.equal(true);
      const right = el.getBoundingClientRect().right;
      expect(Math.max(yes!.getBoundingClientRect().right, keep!.getBoundingClientRect().right)).to.be.at.most(right + 1);
      el.stop();
    });
  }
});
