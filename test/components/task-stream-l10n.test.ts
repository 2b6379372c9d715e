import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import type { TaskEvent, TaskRun } from '../../src/core/providers/task-event.js';
import { freshStore } from '../support/stores.js';
import { json, scriptStream, until } from '../support/scripted-stream.js';
import { PSEUDO_LANG, pseudo, registerPseudoLocale, untranslated } from '../support/pseudo-locale.js';

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const root = (el: TaskStreamElement) => el.shadowRoot!;

/** Events of every kind the log shows, with texts in another script (the API's words are data). */
const EVENTS: TaskEvent[] = [
  { kind: 'message', id: 'm1', source: 'task_run.progress_msg.plan', category: 'plan', text: 'План исследования', timestamp: ago(60_000) },
  { kind: 'message', id: 'm2', source: 'task_run.progress_msg.search', category: 'search', text: 'Поиск', timestamp: ago(50_000) },
  { kind: 'status', id: 's1', source: 'task_run.state', status: 'running', apiStatus: 'running', timestamp: ago(45_000) },
  { kind: 'tool', id: 't1', source: 'TOOL_INVOKED', phase: 'call', tool: 'поиск', text: 'вызов', success: false },
  { kind: 'usage', id: 'u1', source: 'usage', usage: { totalTokens: 1500, inputTokens: 1200, outputTokens: 300, costUsd: 0.0009 } },
  { kind: 'gap', id: 'gap:1-20', source: 'seq', afterSeq: 1, beforeSeq: 20, missing: 18 },
  { kind: 'thinking', id: 'th', source: 'AGENT_THINKING', text: 'Думаю' },
  { kind: 'error', id: 'e1', source: 'error', error: { message: 'Ошибка', refId: '٤٢' }, terminal: false },
  { kind: 'message', id: 'm3', source: 'x', category: 'result', text: 'Ж'.repeat(2000) },
] as TaskEvent[];

const JSON_OUTPUT = {
  type: 'json' as const,
  content: { компания: 'Акме', выручка: 12_345_678, публичная: true, пусто: null, список: [], таблица: [{ а: 1 }, { а: 2 }] },
  basis: [
    { field: 'компания', confidence: 'high' as const, reasoning: 'Потому что', citations: [{ url: 'https://example.com/a', excerpts: ['Цитата'] }] },
    { field: 'выручка', confidence: 'low' as const, citations: [] },
    { field: 'другое', reasoning: 'Ещё', citations: [] },
  ],
  mcpToolCalls: [{ id: 'c1', server: 'сервер', tool: 'инструмент', arguments: '{}', content: 'ответ', error: 'сбой' }],
};

async function show(lang: string, run: TaskRun, events: TaskEvent[] = [], script?: Awaited<ReturnType<typeof scriptStream>>) {
  const stream = script ?? await scriptStream([{ when: '/', events: [], end: 'hang' }]);
  const store = freshStore();
  store.addRun(run, events);
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang} dir=${lang.startsWith('ar') ? 'rtl' : 'ltr'}><task-stream store=${store.name}
    run-id=${run.id} provider=${run.provider} proxy-url=${stream.url}></task-stream></div>`);
  const el = wrapper.querySelector('task-stream')!;
  await el.updateComplete;
  return { el, store };
}

/** What the API sent and the test gave, shown as it came. */
const DATA = ['trun_l10n', 'task-l10n', 'core', 'gpt-5-mini', 'example.com', 'https://example.com/a', 'JSON', 'MCP', 'ID', 'API',
  // Intl's Arabic for US dollars ("0.0009 US$"), JSON literals in the raw JSON, and the API's name of a text output's basis.
  'US', 'true', 'null', 'false', 'output'];

describe('<task-stream> in the user’s language', () => {
  it('speaks German: header, connection, progress with German numbers and times, log, result and controls', async () => {
    const { el } = await show('de', {
      id: 'trun_l10n', provider: 'parallel', status: 'running', createdAt: ago(3 * 60_000), processor: 'core', input: 'Frage',
      stats: { considered: 1234, read: 56, sample: [] },
    }, EVENTS);
    await until(() => !!root(el).querySelector('[part~="stop"]'), 5000, 'a connection being watched');
    const text = root(el).textContent!;
    expect(text).to.contain('erstellt vor 3 Minuten');
    expect(text).to.contain('Quellen: 1.234 geprüft, 56 gelesen');
    expect(text).to.contain('1.500 Tokens (1.200 Eingabe, 300 Ausgabe) · 0,0009');
    expect(text).to.contain('Nicht mehr verfolgen');
    expect(root(el).querySelector('[part~="status"]')!.textContent).to.equal('läuft');
    expect(text).to.contain('Alles zeigen (2.000 Zeichen)');
    expect(text).to.contain('18 Ereignisse konnten nicht wiederhergestellt werden, nachdem die Verbindung vorgesprungen ist.');
    expect(root(el).querySelector('[part~="elapsed"]')!.textContent).to.match(/^seit \d+:\d\d$/);
    el.stop();
  });

  it('says a failed request in German: what happened and what to do, the server’s words on demand', async () => {
    const script = await scriptStream([{ when: '/', ...json({ error: { message: 'Invalid API key' } }, 401) }]);
    const { el } = await show('de', { id: 'trun_l10n', provider: 'parallel', status: 'running', createdAt: ago(1000), processor: 'core', input: 'Frage' }, [], script);
    await until(() => !!root(el).querySelector('[part~="error"]'), 5000, 'the error');
    const error = root(el).querySelector('[part~="error"]')!;
    expect(error.querySelector('.error-text')!.textContent).to.equal('Der API-Schlüssel fehlte oder wurde abgelehnt (401). Prüfen Sie den Schlüssel oder den, den der Proxy hinzufügt.');
    expect(error.textContent).to.contain('Der Server meldete: „Invalid API key“');
    expect(root(el).querySelector('[part~="connection"]')!.textContent).to.contain('Verbindung fehlgeschlagen');
  });

  describe('every visible string is localizable: each state under a pseudo-language leaves no English', () => {
    before(registerPseudoLocale);
    const pseudoReady = (el: TaskStreamElement) => until(() => el.locale === PSEUDO_LANG, 3000, 'the pseudo catalog');

    it('no run selected', async () => {
      const store = freshStore();
      const wrapper = await fixture<HTMLElement>(html`<div lang=${PSEUDO_LANG}><task-stream store=${store.name}></task-stream></div>`);
      const el = wrapper.querySelector('task-stream')!;
      await pseudoReady(el);
      await el.updateComplete;
      expect(untranslated(root(el))).to.deep.equal([]);
      expect(root(el).textContent).to.contain(pseudo('No run selected.'));
    });

    it('a live Parallel run: header, warnings, connection, progress, controls and every kind of event', async () => {
      const { el } = await show(PSEUDO_LANG, {
        id: 'trun_l10n', provider: 'parallel', status: 'running', createdAt: ago(90_000), processor: 'core', input: 'Вопрос',
        stats: { considered: 12, read: 3, sample: ['https://example.com/a'] },
        warnings: [{ type: 'spec_validation_warning', message: 'Предупреждение' }, { type: 'input_validation_warning', message: 'Ещё' }],
      }, EVENTS);
      await pseudoReady(el);
      await until(() => !!root(el).querySelector('[part~="stop"]'), 5000, 'a connection being watched');
      expect(untranslated(root(el), DATA), 'live').to.deep.equal([]);
      (root(el).querySelector('.show-all') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(untranslated(root(el), DATA), 'a row shown in full').to.deep.equal([]);
      el.stop();
      await el.updateComplete;
      expect(untranslated(root(el), DATA), 'stopped').to.deep.equal([]);
    });

    it('a paused Shannon run asking for approval, with usage, pause controls and the cancel question', async () => {
      const { el } = await show(PSEUDO_LANG, {
        id: 'task-l10n', provider: 'shannon', status: 'paused', createdAt: ago(5000), input: 'Вопрос', mode: 'исследование',
        usage: { totalTokens: 10, costUsd: 0.00002, model: 'gpt-5-mini' },
      }, [
        { kind: 'approval', id: 'a1', source: 'APPROVAL_REQUESTED', phase: 'requested', text: 'Нужно одобрение' },
        { kind: 'text', id: 'tx', source: 'thread.message.completed', agent: 'final_output', text: 'Ответ\nдалее', usage: { totalTokens: 5 } },
        { kind: 'message', id: 'w', source: 'WORKFLOW_COMPLETED', category: 'workflow_completed', agent: 'Ryogoku', text: 'Готово' },
      ] as TaskEvent[]);
      await pseudoReady(el);
      await el.updateComplete;
      expect(untranslated(root(el), [...DATA, 'Ryogoku']), 'paused').to.deep.equal([]);
      (root(el).querySelector('[part~="cancel"]') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(untranslated(root(el), [...DATA, 'Ryogoku']), 'the cancel question').to.deep.equal([]);
      el.stop();
    });

    it('finished runs: a JSON result with evidence, a text result, and runs that failed, timed out or were cancelled', async () => {
      const done = await show(PSEUDO_LANG, {
        id: 'trun_l10n', provider: 'parallel', status: 'completed', createdAt: ago(600_000), updatedAt: ago(1000), processor: 'core', input: 'Вопрос',
        output: JSON_OUTPUT,
      }, EVENTS);
      await pseudoReady(done.el);
      await done.el.updateComplete;
      expect(untranslated(root(done.el), DATA), 'JSON result').to.deep.equal([]);
      for (const status of ['failed', 'timeout', 'cancelled'] as const) {
        const { el } = await show(PSEUDO_LANG, {
          id: 'trun_l10n', provider: 'parallel', status, createdAt: ago(600_000), processor: 'core', input: 'Вопрос',
          request: { input: 'Вопрос', processor: 'core' }, error: status === 'failed' ? { message: 'Сбой', refId: '٧' } : undefined,
          output: status === 'cancelled' ? { type: 'text', content: 'Текст', basis: [{ field: 'output', reasoning: 'Так', citations: [] }] } : undefined,
        });
        await pseudoReady(el);
        await el.updateComplete;
        expect(untranslated(root(el), DATA), status).to.deep.equal([]);
      }
    });

    it('waiting for a key: the missing setting in words', async () => {
      const store = freshStore();
      store.addRun({ id: 'trun_l10n', provider: 'parallel', status: 'running', createdAt: ago(1000), processor: 'core', input: 'Вопрос' });
      const wrapper = await fixture<HTMLElement>(html`<div lang=${PSEUDO_LANG}><task-stream store=${store.name} run-id="trun_l10n" auth-mode="api-key"></task-stream></div>`);
      const el = wrapper.querySelector('task-stream')!;
      await pseudoReady(el);
      await until(() => !!root(el).querySelector('[part~="error"]'), 5000, 'the missing key');
      expect(root(el).querySelector('[part~="connection"]')!.getAttribute('data-phase')).to.equal('waiting-for-config');
      expect(untranslated(root(el), [...DATA, 'api-key'])).to.deep.equal([]);
    });

    it('a failed connection: the HTTP error in words', async () => {
      const script = await scriptStream([{ when: '/', ...json({ error: { message: 'Неверный ключ' } }, 401) }]);
      const { el } = await show(PSEUDO_LANG, { id: 'trun_l10n', provider: 'parallel', status: 'running', createdAt: ago(1000), processor: 'core', input: 'Вопрос' }, [], script);
      await pseudoReady(el);
      await until(() => !!root(el).querySelector('[part~="error"]'), 5000, 'the error');
      expect(untranslated(root(el), DATA)).to.deep.equal([]);
    });
  });
});
