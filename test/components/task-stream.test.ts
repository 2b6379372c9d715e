import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import type { TaskCompleteEvent, TaskProgressEvent, TaskStateEvent } from '../../src/components/shared/events.js';
import { freshStore } from '../support/stores.js';
import { delay, scriptStream, until, json, type ScriptedEvent } from '../support/scripted-stream.js';
import { parallelRun, progressMessage, stateEvent, statsEvent } from '../support/parallel-wire.js';

const RUN = 'trun_stream1';

function parts(el: TaskStreamElement, name: string): Element[] {
  return [...el.shadowRoot!.querySelectorAll(`[part~="${name}"]`)];
}

async function streamOf(events: ScriptedEvent[], extra: object = {}) {
  const script = await scriptStream([{ when: '/events', events, ...extra }]);
  const store = freshStore();
  store.addRun({ id: RUN, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
  store.select(RUN);
  const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} proxy-url=${script.url}></task-stream>`);
  return { el, store, script };
}

const completedText = (content: string, basis: unknown[] = []) =>
  stateEvent(parallelRun(RUN, 'completed'), { type: 'text', content, basis });

describe('<task-stream>', () => {
  it('shows an empty state when no run is selected, and is accessible', async () => {
    const store = freshStore();
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name}></task-stream>`);
    expect(el.shadowRoot!.textContent).to.contain('No run selected');
    expect(el.run).to.equal(undefined);
    expect(el.events).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('follows the store selection and streams the run’s events exactly once, in order', async () => {
    const { el } = await streamOf([
      stateEvent(parallelRun(RUN)), progressMessage('plan', 'Plan the research'), progressMessage('search', 'Search the web'),
      statsEvent(10, 3, 40, ['https://example.org/a']), completedText('Done.'),
    ]);
    await until(() => el.run?.status === 'completed');
    await el.updateComplete;
    (parts(el, 'log-summary')[0]!.querySelector('button') as HTMLButtonElement).click();
    await until(() => parts(el, 'event').length === 3);
    expect(parts(el, 'event').map((p) => p.getAttribute('data-type'))).to.deep.equal(['message', 'message', 'status']);
    expect(parts(el, 'event').map((p) => p.getAttribute('data-category'))).to.deep.equal(['plan', 'search', null]);
    expect(el.events.map((e) => e.kind)).to.deep.equal(['message', 'message', 'stats', 'status', 'output']);
    expect(parts(el, 'status')[0]!.getAttribute('data-status')).to.equal('completed');
    expect(parts(el, 'output')[0]!.textContent).to.contain('Done.');
    expect(el.shadowRoot!.querySelector('.run-id')!.textContent).to.contain(RUN);
  });

  it('fires task-state and task-complete once, and task-progress with the applied events', async () => {
    const script = await scriptStream([{ when: '/events', events: [stateEvent(parallelRun(RUN)), progressMessage('plan', 'p'), completedText('ok')], delayMs: 30 }]);
    const store = freshStore();
    store.addRun({ id: RUN, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const states: TaskStateEvent[] = [];
    const progress: TaskProgressEvent[] = [];
    const el = document.createElement('task-stream') as TaskStreamElement;
    el.store = store.name;
    el.runId = RUN;
    el.proxyUrl = script.url;
    el.addEventListener('task-state', (e) => states.push(e));
    el.addEventListener('task-progress', (e) => progress.push(e));
    const complete = oneEvent(el, 'task-complete') as Promise<TaskCompleteEvent>;
    document.body.append(el);
    const done = await complete;
    expect(done.status).to.equal('completed');
    expect(done.output).to.deep.equal({ type: 'text', content: 'ok', basis: [] });
    expect(done.bubbles && done.composed).to.equal(true);
    expect(states.map((s) => `${s.previousStatus}→${s.status}`)).to.deep.equal(['running→completed']);
    await until(() => progress.flatMap((p) => p.events).some((e) => e.kind === 'output'));
    expect(progress.flatMap((p) => p.events).map((e) => e.kind)).to.deep.equal(['message', 'status', 'output']);
    el.remove();
  });

  it('renders hostile payloads as inert text: no script, no handler attribute, no javascript: link', async () => {
    const hostile = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"><svg onload=window.__xss=3>`;
    const markdown = `# T${hostile}\n\n[click](javascript:window.__xss=4) and [ok](https://example.org/ok) <a href="javascript:alert(1)">raw</a>\n\n![img](javascript:alert(5))`;
    const basis = [{ field: 'output', reasoning: hostile, confidence: 'high', citations: [{ url: 'javascript:window.__xss=6', title: hostile, excerpts: [hostile] }, { url: 'data:text/html,<script>alert(1)</script>', title: 'data' }] }];
    const { el } = await streamOf([
      stateEvent(parallelRun(RUN)), progressMessage('plan', hostile), progressMessage(`x${hostile}`.replace(/\s/g, ''), hostile),
      statsEvent(1, 1, 50, ['javascript:window.__xss=7', hostile]), completedText(markdown, basis),
    ]);
    await until(() => el.run?.status === 'completed');
    const root = el.shadowRoot!;
    // The markdown renderer is a lazy chunk: in a fresh page the answer is plain text until it
    // arrives, and the links checked below exist only once it has rendered.
    await until(() => !root.querySelector('.markdown.plain, [data-plain="pending"]') && !!root.querySelector('[part~="output"] a'), 5000, 'the answer rendered as markdown');
    await delay(50);
    expect((window as { __xss?: number }).__xss, 'no payload ran').to.equal(undefined);
    // The timeline's own drawing is the one svg (issue 15 §1): none comes from the payloads.
    const foreign = [...root.querySelectorAll('script, img, svg, iframe, object, embed')].filter((node) => !(node.localName === 'svg' && node.closest('[part~="timeline"]')));
    expect(foreign).to.have.length(0);
    for (const node of root.querySelectorAll('*')) {
      for (const attr of node.getAttributeNames()) expect(attr.startsWith('on'), `${node.tagName} ${attr}`).to.equal(false);
    }
    const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.include('https://example.org/ok');
    for (const href of hrefs) expect(href).to.match(/^https?:/);
    expect(root.textContent).to.contain('<script>window.__xss=2</script>');
    for (const a of root.querySelectorAll('a')) expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
  });

  it('shows Shannon text deltas as one live text per agent while written, never as rows', async () => {
    const WF = 'task-deltas-1';
    const ev = (i: number, event: string, data: object): ScriptedEvent => ({ id: `${1000 + i}-0`, event, data: JSON.stringify({ workflow_id: WF, ...data }) });
    const tokens = 'The quick brown fox jumps over the lazy dog'.split(' ').map((w) => `${w} `);
    const events = [
      ev(0, 'WORKFLOW_STARTED', { type: 'WORKFLOW_STARTED', message: 'Starting up' }),
      ...tokens.map((t, i) => ev(1 + i, 'thread.message.delta', { agent_id: 'simple-agent', delta: t })),
      ev(50, 'AGENT_THINKING', { type: 'AGENT_THINKING', agent_id: 'Ryogoku', message: 'Thinking' }),
      ev(51, 'thread.message.delta', { agent_id: 'Ryogoku', delta: 'side ' }),
      ev(52, 'thread.message.delta', { agent_id: 'Ryogoku', delta: 'note' }),
    ];
    const live = await scriptStream([{ when: '/stream/sse', events, end: 'hang' }]);
    const store = freshStore();
    store.addRun({ id: WF, provider: 'shannon', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const el = await fixture<TaskStreamElement>(html`<task-stream provider="shannon" store=${store.name} run-id=${WF} proxy-url=${live.url}></task-stream>`);
    await until(() => el.events.filter((e) => e.kind === 'text-delta').length === tokens.length + 2);
    await until(() => parts(el, 'live-text').length === 2 && parts(el, 'live-text')[1]!.textContent!.includes('side note'));
    const texts = parts(el, 'live-text').map((p) => p.querySelector('.live-body')!.textContent);
    expect(texts).to.deep.equal([tokens.join(''), 'side note']);
    expect(parts(el, 'event').filter((p) => p.getAttribute('data-type') === 'text-delta')).to.have.length(0);
    el.stop();
  });

  it('keeps the DOM bounded with thousands of events and pages back through them', async () => {
    const events = [stateEvent(parallelRun(RUN)), ...Array.from({ length: 1200 }, (_, i) => progressMessage('search', `query ${i}`, `2026-11-01T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`))];
    const { el } = await streamOf(events, { end: 'hang' });
    await until(() => el.events.length === 1200, 8000);
    await until(() => parts(el, 'event').at(-1)?.textContent?.includes('query 1199') ?? false);
    expect(parts(el, 'event').length).to.be.at.most(100);
    expect(el.shadowRoot!.querySelectorAll('*').length).to.be.below(2000);
    const earlier = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Show earlier'))!;
    earlier.click();
    await el.updateComplete;
    expect(parts(el, 'event')[0]!.textContent).to.contain('query 1000');
    el.stop();
  });

  it('shows the connection state, offers one Reconnect control after a failure, and recovers', async () => {
    const script = await scriptStream([
      { when: '/events', status: 401, headers: { 'content-type': 'application/json' }, chunks: ['{"type":"error","error":{"ref_id":"r","message":"Invalid API key"}}'] },
      { when: '/events', events: [stateEvent(parallelRun(RUN)), progressMessage('plan', 'back'), completedText('ok')] },
    ]);
    const store = freshStore();
    store.addRun({ id: RUN, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const errors: string[] = [];
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${RUN} proxy-url=${script.url} @task-error=${(e: Event) => errors.push((e as unknown as { message: string }).message)}></task-stream>`);
    await until(() => parts(el, 'connection')[0]?.getAttribute('data-state') === 'failed');
    await el.updateComplete;
    expect(errors[0]).to.contain('401').and.not.contain('Invalid API key');
    expect(parts(el, 'error')[0]!.querySelector('details')!.textContent).to.contain('Invalid API key');
    const buttons = [...el.shadowRoot!.querySelectorAll('button')].filter((b) => /reconnect|retry/i.test(b.textContent!));
    expect(buttons.map((b) => b.getAttribute('part')), 'one control for one action').to.deep.equal(['reconnect']);
    buttons[0]!.click();
    await until(() => el.run?.status === 'completed');
    expect(el.events.map((e) => e.kind)).to.deep.equal(['message', 'status', 'output']);
  });

  it('“Stop watching” closes the connection and keeps the run; Parallel offers no cancel and says why, without a dangling aria-describedby', async () => {
    const { el, script } = await streamOf([stateEvent(parallelRun(RUN)), progressMessage('plan', 'one')], { end: 'hang' });
    await until(() => el.events.length === 1);
    await until(() => parts(el, 'connection')[0]?.getAttribute('data-state') === 'open');
    await el.updateComplete;
    expect(parts(el, 'controls')[0]!.textContent).to.contain('no cancel endpoint');
    expect(parts(el, 'cancel'), 'no cancel button where the API cannot cancel').to.have.length(0);
    (parts(el, 'stop')[0] as HTMLButtonElement).click();
    await until(() => parts(el, 'connection')[0]?.getAttribute('data-state') === 'closed');
    expect(el.run!.status).to.equal('running');
    expect((await script.log())[0]!.closed).to.equal(true);
    await el.updateComplete;
    expect(parts(el, 'reconnect')[0]!.textContent).to.equal('Watch again');
    for (const node of el.shadowRoot!.querySelectorAll('[aria-describedby]')) {
      expect(el.shadowRoot!.getElementById(node.getAttribute('aria-describedby')!), 'aria-describedby points at an element').to.not.equal(null);
    }
  });

  it('renders JSON output as labelled fields with confidence, reasoning and citations beside each value', async () => {
    const output = {
      type: 'json', content: { company: 'Acme', founded: 1999, people: [{ name: 'Ada' }] },
      basis: [{ field: 'company', reasoning: 'From the filing', confidence: 'high', citations: [{ url: 'https://sec.example/filing', title: 'Filing', excerpts: ['Acme Inc.'] }] }],
    };
    const { el } = await streamOf([stateEvent(parallelRun(RUN)), stateEvent(parallelRun(RUN, 'completed'), output)]);
    await until(() => parts(el, 'output').length === 1);
    const out = parts(el, 'output')[0]!;
    const company = out.querySelector('[part~="field"][data-path="company"]')!;
    expect(company.textContent).to.contain('Company').and.contain('Acme').and.contain('high confidence');
    expect(out.querySelector('[part~="field"][data-path="founded"]')!.textContent, 'a year, without a thousands separator').to.contain('1999');
    const citation = company.querySelector('[part~="citation"]')!;
    expect(citation.querySelector('a')!.getAttribute('href')).to.equal('https://sec.example/filing');
    expect(company.querySelector('.why')!.textContent).to.contain('Acme Inc.').and.contain('From the filing');
    await expect(el).to.be.accessible();
  });

  it('renders markdown structure from a maintained lexer as elements, not HTML strings', async () => {
    const md = '# Findings\n\n- **bold** item\n- `code` item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n```\nx < y\n```';
    const { el } = await streamOf([stateEvent(parallelRun(RUN)), completedText(md)]);
    await until(() => parts(el, 'output').length === 1);
    const body = parts(el, 'output')[0]!.querySelector('.markdown')!;
    expect(body.querySelector('h3')!.textContent).to.equal('Findings');
    expect(body.querySelectorAll('ul li')).to.have.length(2);
    expect(body.querySelector('strong')!.textContent).to.equal('bold');
    expect(body.querySelector('table td')!.textContent).to.equal('1');
    expect(body.querySelector('pre code')!.textContent).to.equal('x < y');
  });
});
