/**
 * A run opened from a batch's run list (issues 13 §1, 14 §2) has the single run view's header: the
 * start of its input as title, the id secondary and copyable, the processor with its price per run,
 * the status badge, and a way back to the batch. Against the real mock (/mock).
 */
import { expect } from '@open-wc/testing';
import '../../../src/define.js';
import { button, clearTestGroups, finishedRows, q, qa, showBatch } from '../../support/mock-batch.js';
import { until } from '../../support/scripted-stream.js';

describe('a run opened from a batch', () => {
  afterEach(clearTestGroups);

  it('has the single run\'s header: the input as title, the id secondary and copyable, the processor and its price, the status, and a way back', async () => {
    const { group, stream } = await showBatch(['Acme Corporation founding year', 'Globex'], 20, { width: '375px' });
    await until(() => finishedRows(stream) === 2, 20_000, 'the end');
    qa(stream, '.group-run')[0]!.click();
    await until(() => !!q(stream, '[part="group-run-open"] [part="header"]'), 5000, 'the header');
    const open = q(stream, '[part="group-run-open"]')!;
    const runId = group.runIds[0]!;
    expect(open.querySelector('[part="title"]')!.textContent!.trim()).to.equal('Acme Corporation founding year');
    expect(open.querySelector('[part="run-id"]')!.textContent).to.equal(runId);
    expect(open.querySelector('[part="run-id"]')!.closest('h2'), 'the id is not the heading').to.equal(null);
    open.querySelector<HTMLButtonElement>('[aria-label="Copy run id"]')!.click();
    await until(() => !!open.querySelector('[part="feedback"][data-for="copy-id"]'), 5000, 'the copy\'s notice');
    expect(open.querySelector('[part="feedback"]')!.textContent).to.match(/^(Run id copied\.|Could not copy the run id: .+)$/);
    expect(open.querySelector('[part="processor"]')!.textContent).to.match(/^lite · .+ per run$/);
    expect(open.querySelector('[part~="status"]')!.getAttribute('data-status')).to.equal('completed');
    expect(open.querySelector('[part="connection"]'), 'a run of a batch has no connection of its own').to.equal(null);
    button(stream, '← All runs of the batch')!.click();
    await until(() => qa(stream, '[part="group-run"]').length === 2, 5000, 'back to the batch');
  });

  it('in German, the header says the processor\'s price per run in German', async () => {
    const { stream } = await showBatch(['Acme', 'Globex'], 20, { lang: 'de' });
    qa(stream, '.group-run')[1]!.click();
    await until(() => /pro Lauf$/.test(q(stream, '[part="group-run-open"] [part="processor"]')?.textContent ?? ''), 5000, 'the header in German');
    expect(q(stream, '[part="group-run-open"] [aria-label="Lauf-ID kopieren"]'), 'the copy in German').to.exist;
    expect(q(stream, '[part="group-run-open"] [part="title"]')!.textContent!.trim()).to.equal('Globex');
  });
});
