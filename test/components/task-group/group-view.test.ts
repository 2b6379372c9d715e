/**
 * The group view of <task-stream> and the batch entry of <task-history> against the real mock
 * (/mock), mid-run and at the end: one source for each run's status (rows, counts, progress and
 * history agree), a full-width progress bar, one-line count pills at every width.
 */
import { expect } from '@open-wc/testing';
import '../../../src/define.js';
import { clearTestGroups, q, qa, showBatch } from '../../support/mock-batch.js';
import { delay, until } from '../../support/scripted-stream.js';

/** The counts pills as `{status: n}`. */
function pills(stream: Element): Record<string, number> {
  return Object.fromEntries(qa(stream, '[part="group-count"]').map((li) => [li.dataset.status!, Number(li.querySelector('.count')!.textContent!.replace(/\D/g, ''))]));
}

/** The rows' statuses tallied as `{status: n}`. */
function rows(stream: Element): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const row of qa(stream, '[part="group-run"]')) tally[row.dataset.status!] = (tally[row.dataset.status!] ?? 0) + 1;
  return tally;
}

/** A batch shown in <task-stream>, with a <task-history> of the same store. */
async function batch(inputs: string[], speed: number, width = '') {
  const shown = await showBatch(inputs, speed, { width, history: true });
  return { ...shown, history: shown.history! };
}

describe('the group view', () => {
  afterEach(clearTestGroups);

  it('mid-run and at the end, the rows, the counts, the progress and the history say the same for every run', async () => {
    const inputs = Array.from({ length: 8 }, (_, i) => `Company ${i + 1}`);
    const { stream, history } = await batch(inputs, 3);
    let sawRunning = false;
    const deadline = Date.now() + 40_000;
    while (!(pills(stream).completed === inputs.length)) {
      if (Date.now() > deadline) throw new Error(`the batch did not finish: ${JSON.stringify(pills(stream))}`);
      const shown = pills(stream);
      expect(rows(stream), 'the rows say what the counts say').to.deep.equal(shown);
      const done = (shown.completed ?? 0) + (shown.failed ?? 0) + (shown.cancelled ?? 0);
      expect(q(stream, '[part="progress"]')!.getAttribute('aria-valuenow')).to.equal(String(Math.round((done / inputs.length) * 100)));
      const summary = qa(history, '[part="group-item-counts"]')[0]?.textContent ?? '';
      for (const [status, n] of Object.entries(shown)) expect(summary.toLowerCase(), 'the history says what the view says').to.contain(`${n} ${status}`);
      if (shown.running) sawRunning = true;
      await delay(30);
    }
    expect(sawRunning, 'the runs were seen running (the events stream says so only in its counts)').to.equal(true);
    expect(rows(stream)).to.deep.equal({ completed: inputs.length });
  });

  it('draws the progress as a full-width bar of completed / total, mid-run and at the end', async () => {
    const inputs = ['A', 'B', 'C', 'D'];
    const { stream } = await batch(inputs, 6, '600px');
    const check = () => {
      const group = q(stream, '[part="group"]')!.getBoundingClientRect();
      const progress = q(stream, '[part="progress"]')!.getBoundingClientRect();
      const bar = q(stream, '[part="progress"] .bar')!.getBoundingClientRect();
      expect(progress.width, 'the bar spans the view').to.be.closeTo(group.width, 2);
      expect(progress.height).to.be.at.least(6);
      const shown = pills(stream);
      const done = (shown.completed ?? 0) + (shown.failed ?? 0) + (shown.cancelled ?? 0);
      expect(bar.width, 'the filled part is the finished share').to.be.closeTo((progress.width - 2) * (done / inputs.length), 3);
    };
    check();
    await until(() => pills(stream).completed === inputs.length, 30_000, 'the end');
    await delay(400); // the bar's width transition
    check();
  });

  it('keeps each count pill on one line, sized to its text, at every width from 280 to 1600 px', async () => {
    const { root, stream } = await batch(Array.from({ length: 50 }, (_, i) => `Company ${i + 1}`), 1, '280px');
    for (const width of [280, 320, 375, 768, 1024, 1440, 1600]) {
      root.style.width = `${width}px`;
      await delay(20);
      for (const pill of qa(stream, '[part="group-count"]')) {
        const box = pill.getBoundingClientRect();
        const line = parseFloat(getComputedStyle(pill).lineHeight) || parseFloat(getComputedStyle(pill).fontSize) * 1.5;
        expect(box.height, `${width}px: "${pill.textContent}" on one line`).to.be.below(line * 1.6 + 8);
        const range = document.createRange();
        range.selectNodeContents(pill);
        expect(box.width, `${width}px: "${pill.textContent}" sized to its text`).to.be.below(range.getBoundingClientRect().width + 40);
        expect(box.width).to.be.at.least(range.getBoundingClientRect().width);
      }
    }
  });
});

describe('the group view\'s reads', () => {
  afterEach(clearTestGroups);

  /** Logs the page's requests (URL and signal) while `run` runs; downloads are caught, not saved. */
  async function watching(run: (log: Array<{ url: string; signal?: AbortSignal | null }>, blobs: Blob[]) => Promise<void>) {
    const log: Array<{ url: string; signal?: AbortSignal | null }> = [];
    const blobs: Blob[] = [];
    const { fetch: original } = window;
    const { createObjectURL } = URL;
    const click = HTMLAnchorElement.prototype.click;
    window.fetch = (input, init) => (log.push({ url: String(input), signal: init?.signal }), original(input, init));
    URL.createObjectURL = (blob: Blob) => (blobs.push(blob), 'blob:test');
    HTMLAnchorElement.prototype.click = () => {};
    try {
      await run(log, blobs);
    } finally {
      window.fetch = original;
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
  }
  const button = (stream: Element, text: string) => qa(stream, 'button').find((b) => b.textContent === text) as HTMLButtonElement;

  it('a finished batch\'s results are read once: both downloads and an opened run share one GET …/runs', async () => {
    const { stream } = await batch(['Acme', 'Globex', 'Initech'], 20);
    await until(() => pills(stream).completed === 3 && q(stream, '[part="connection"]')!.dataset.state === 'closed', 20_000, 'the end');
    await watching(async (log, blobs) => {
      button(stream, 'Download results (CSV)').click();
      await until(() => blobs.length === 1, 10_000, 'the CSV');
      await until(() => !button(stream, 'Download results (JSON)').disabled, 5000, 'the downloads ready again');
      button(stream, 'Download results (JSON)').click();
      await until(() => blobs.length === 2, 10_000, 'the JSON');
      qa(stream, '.group-run')[1]!.click();
      await until(() => !!q(stream, '[part="group-run-open"] [part~="output"]'), 10_000, 'the opened run\'s output');
      const reads = log.map((r) => r.url).filter((url) => /\/groups\/[^/]+\/runs/.test(url));
      expect(reads, 'one read of the runs for all three needs').to.have.length(1);
      expect(log.filter((r) => r.url.includes('/result')), 'the opened run\'s output came with it').to.have.length(0);
    });
  });

  it('a download under way is cancelled when the view goes away', async () => {
    const { root, stream } = await batch(['Acme', 'Globex'], 20);
    await until(() => pills(stream).completed === 2, 20_000, 'the end');
    await watching(async (log) => {
      button(stream, 'Download results (CSV)').click();
      await until(() => log.some((r) => r.url.includes('include_output')), 5000, 'the read');
      root.remove();
      const read = log.find((r) => r.url.includes('include_output'))!;
      await until(() => read.signal?.aborted === true, 2000, 'the read to be aborted');
    });
  });
});
