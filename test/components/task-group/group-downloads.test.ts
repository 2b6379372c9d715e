/**
 * A batch's downloads (CSV, JSON) wait for a finished run (issue 14 §2: they were offered at "0 of 50
 * finished"): disabled, with the reason beside them, until a run has finished. Against the real mock (/mock).
 */
import { expect } from '@open-wc/testing';
import '../../../src/define.js';
import { button, clearTestGroups, finishedRows, q, showBatch } from '../../support/mock-batch.js';
import { until } from '../../support/scripted-stream.js';

describe('the batch\'s downloads', () => {
  afterEach(clearTestGroups);

  it('are disabled, with the reason, until a run has finished', async () => {
    const { stream } = await showBatch(['Acme', 'Globex', 'Initech'], 0.2);
    expect(finishedRows(stream), 'nothing finished yet').to.equal(0);
    const csv = button(stream, 'Download results (CSV)')!;
    const json = button(stream, 'Download results (JSON)')!;
    expect(csv.disabled && json.disabled, 'both downloads disabled').to.equal(true);
    const reason = q(stream, '#download-reason')!;
    expect(reason.textContent!.trim()).to.equal('Results can be downloaded once a run has finished.');
    expect(csv.getAttribute('aria-describedby')).to.equal('download-reason');
  });

  it('are offered once a run has finished, and the reason is gone', async () => {
    const { stream } = await showBatch(['Acme', 'Globex'], 20);
    await until(() => finishedRows(stream) > 0, 20_000, 'a finished run');
    await until(() => !button(stream, 'Download results (CSV)')!.disabled, 2000, 'the downloads offered');
    expect(button(stream, 'Download results (JSON)')!.disabled).to.equal(false);
    expect(q(stream, '#download-reason')).to.equal(null);
  });

  it('say the reason in German', async () => {
    const { stream } = await showBatch(['Acme', 'Globex'], 0.2, { lang: 'de' });
    const german = 'Ergebnisse lassen sich herunterladen, sobald ein Lauf beendet ist.';
    await until(() => q(stream, '#download-reason')?.textContent!.trim() === german, 5000, 'the reason in German (its catalog loads on demand)');
    expect(finishedRows(stream), 'still nothing finished').to.equal(0);
  });
});
