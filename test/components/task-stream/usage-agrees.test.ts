/**
 * A run's usage is one set of figures wherever it is shown (issue 8, fresh2.md cross-cutting defect
 * 1): the progress line, the result, the split by agent and the timeline's lanes add up, for real
 * mock Shannon runs that finish, end before their status does, fail and time out; and where the
 * server's total and the events' split differ, the view says which is which.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { formatCost } from '../../../src/components/shared/format.js';
import { isTerminalStatus, type TaskEvent, type TaskRun } from '../../../src/core/providers/task-event.js';
import { usageReport } from '../../../src/core/providers/usage-report.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';

function parts(el: HTMLElement, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}
const text = (node: Element | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** "5,176 tokens" → 5176 (every such figure in `line`). */
const tokensIn = (line: string) => [...line.matchAll(/([\d,]+) tokens/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);

async function start(scenario: string) {
  const store = freshStore({ connection: { retry: { initialDelayMs: 20, maxDelayMs: 200, minDelayMs: 20 }, statusPollMs: 200 } });
  store.setCredential('shannon', KEY);
  const endpoint = { provider: 'shannon' as const, baseUrl: '/mock', auth: { mode: 'api-key' as const, apiKey: KEY } };
  const run = await store.submit({ query: 'Compare Zürich and Geneva', mode: 'standard', context: { mock_scenario: scenario, mock_speed: 50 } }, endpoint);
  const el = await fixture<TaskStreamElement>(html`<task-stream provider="shannon" store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-stream>`);
  return { store, el, runId: run.id };
}

/**
 * What the page shows agrees with itself: the total in the progress line (and under the result),
 * the split by agent and the timeline's lanes are the same figures, and the parts add up to it.
 */
async function expectOneSetOfFigures(el: TaskStreamElement, what: string): Promise<void> {
  // The view renders a frame after events arrive: wait for the frame that shows the store's events,
  // then read everything in one go.
  const current = () => (el.run ? usageReport(el.run, el.events) : undefined);
  await until(() => parts(el, 'timeline-summary').length > 0
    && tokensIn(text(parts(el, 'usage-total')[0]))[0] === current()?.total.totalTokens, 5000, `${what}: the view showing the events`);
  const report = current()!;
  const total = report.total;
  const agents = [...report.agents, ...(report.unattributed ? [report.unattributed] : [])];
  expect(sum(agents.map((a) => a.totalTokens ?? 0)), `${what}: the agents' tokens add up to the total`).to.equal(total.totalTokens);
  expect(sum(agents.map((a) => a.costUsd ?? 0)), `${what}: the agents' cost adds up to the total`).to.be.closeTo(total.costUsd!, 1e-9);

  const totals = parts(el, 'usage-total').map(text);
  expect(totals.length, `${what}: a total is shown`).to.be.at.least(1);
  for (const shown of totals) {
    expect(tokensIn(shown)[0], `${what}: the total shown (${shown})`).to.equal(total.totalTokens);
    expect(shown).to.contain(formatCost(total.costUsd));
  }
  const lines = parts(el, 'usage-agent').map(text);
  if (report.agents.length < 2 && !report.unattributed) expect(lines, `${what}: one agent, no split`).to.deep.equal([]);
  else {
    expect(sum(lines.flatMap((line) => tokensIn(line).slice(0, 1))), `${what}: the split shown (${lines.join(' | ')})`).to.equal(total.totalTokens);
    report.agents.forEach((a, i) => expect(lines[i]).to.contain(formatCost(a.costUsd)));
  }

  const summary = text(parts(el, 'timeline-summary')[0]);
  expect(sum(tokensIn(summary)), `${what}: the timeline's lanes (${summary})`).to.equal(sum(report.agents.map((a) => a.totalTokens ?? 0)));
  for (const a of report.agents) if (a.costUsd) expect(summary).to.contain(formatCost(a.costUsd));
}

describe('<task-stream> usage agrees with itself in every Shannon run', () => {
  for (const scenario of ['happy', 'fails', 'shannon-timeout']) {
    it(`${scenario}: the total, the split by agent and the timeline add up, from the events while running and from the server once over`, async () => {
      const { el } = await start(scenario);
      await until(() => !!el.run && !!usageReport(el.run, el.events), 10_000, 'the first call with usage');
      await expectOneSetOfFigures(el, `${scenario}, first usage`);
      await until(() => !!el.run && isTerminalStatus(el.run.status) && !!el.run.usage, 15_000, 'the server’s final figures');
      await expectOneSetOfFigures(el, `${scenario}, over`);
      const report = usageReport(el.run!, el.events)!;
      expect(report).to.deep.include({ totalFrom: 'server', agentsFrom: 'server' });
      expect(report.agents.map((a) => a.agent), 'the decomposition the stream never showed').to.include('decompose');
      expect(text(parts(el, 'timeline-summary')[0])).to.contain('Without a lane: Decompose:');
      el.stop();
    });
  }

  it('done before the status: between `done` and the server’s figures the view shows the calls seen, which add up; then the server’s', async () => {
    const { el } = await start('shannon-done-before-status');
    await until(() => !!el.run?.streamEnded, 10_000, 'done');
    if (!el.run!.usage) {
      await expectOneSetOfFigures(el, 'after done');
      expect(usageReport(el.run!, el.events)).to.deep.include({ totalFrom: 'events', final: false });
      expect(text(parts(el, 'usage-total')[0])).to.match(/^used so far /);
    }
    await until(() => !!el.run?.usage, 15_000, 'the server’s final figures');
    await expectOneSetOfFigures(el, 'completed');
    el.stop();
  });

  it('a server total without a split: the agents from the events, what they do not account for, and a note saying which is which', async () => {
    const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
    const store = freshStore();
    const call = (id: string, agent: string, tokens: number, cost: number): TaskEvent =>
      ({ kind: 'text', id, source: 'thread.message.completed', agent, text: `${agent} notes`, usage: { totalTokens: tokens, costUsd: cost } });
    const run: TaskRun = { id: 'task-mixed', provider: 'shannon', status: 'completed', createdAt: '2026-11-01T10:00:00Z', usage: { totalTokens: 8303, costUsd: 0.0033 } };
    store.addRun(run, [call('c1', 'Ryogoku', 5176, 0.0022), call('c2', 'Ryogoku', 5176, 0.0022), call('c3', 'Kanda', 1347, 0.0006)]);
    store.select(run.id);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" proxy-url=${url} auth-mode="api-key"></task-stream>`);
    await el.updateComplete;
    await expectOneSetOfFigures(el, 'mixed');
    const split = parts(el, 'usage-agents')[0]!;
    expect(split.dataset.from).to.equal('events');
    expect(parts(el, 'usage-agent').map(text)).to.deep.equal([
      'Ryogoku: 5,176 tokens · $0.0022', 'Kanda: 1,347 tokens · $0.00060', 'Not in the events this page received: 1,780 tokens · $0.00050',
    ]);
    expect(text(split)).to.contain('The total is the server’s own count; the agents’ figures are from the events this page received.');
    // The log: one row per call (Ryogoku's call was reported twice), each with that call's figures.
    parts(el, 'log-summary')[0]!.querySelector('button')!.click();
    await until(() => parts(el, 'usage').length > 0, 3000, 'the log');
    expect(parts(el, 'usage').map(text)).to.deep.equal(['5,176 tokens · $0.0022', '1,347 tokens · $0.00060']);
  });
});
