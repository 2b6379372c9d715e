/**
 * Every error the batch form shows is worded by the catalog, in the page's language, with its plural
 * rules (batch2 "NOT done": in a German form every BatchInputError but one, and GroupSubmitError,
 * showed the core's English; "1 runs of the batch were submitted"). Each BatchInputError code has an
 * input that causes it here, and every code must have one: a new code fails this test until it has
 * words and a case.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { BATCH_INPUT_CODES, BatchInputError, GroupSubmitError, type BatchInputCode } from '../../../src/core/providers/parallel/group-errors.js';
import { parseBatchInput, type BatchFormat } from '../../../src/core/providers/parallel/batch-input.js';
import { HttpStatusError } from '../../../src/core/errors.js';
import { errorText } from '../../../src/components/shared/error-text.js';
import { batchInputText } from '../../../src/components/task-group/batch-error-text.js';
import { Localizer } from '../../../src/core/i18n/localizer.js';
import { withLocalizer } from '../../../src/core/i18n/scope.js';
import { de } from '../../../src/components/shared/i18n/de.js';
import { english } from '../../support/english.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const long = 'x'.repeat(25_001);
/** An input that causes each code, and what the English form says. */
const CASES: Array<{ code: BatchInputCode; format: BatchFormat; text: string; en: string }> = [
  { code: 'no-inputs', format: 'json', text: '[]', en: 'There are no inputs: add one per line, a CSV with a header row, or a JSON array.' },
  { code: 'csv-no-rows', format: 'csv', text: 'company,country\n', en: 'The CSV has a header row but no rows with values.' },
  { code: 'csv-empty', format: 'csv', text: ',,\n', en: 'The CSV is empty: its first row must name the input fields, e.g. "company,country".' },
  { code: 'too-many', format: 'lines', text: Array.from({ length: 10_001 }, (_, i) => `c${i}`).join('\n'), en: 'There are 10,001 inputs; one batch takes at most 10,000. Split them into several batches.' },
  { code: 'line-too-long', format: 'lines', text: `ok\n${long}`, en: 'Line 2 is 25,001 characters long; one input may have at most 25,000.' },
  { code: 'item-too-long', format: 'json', text: `["ok", "${long}"]`, en: 'Item 2 of the JSON array is 25,001 characters long; one input may have at most 25,000.' },
  { code: 'csv-unnamed-column', format: 'csv', text: 'company,,country\nA,B,C\n', en: 'Line 1: column 2 of the header row has no name. Every column needs a name; it becomes the input field.' },
  { code: 'csv-repeated-column', format: 'csv', text: 'company,company\nA,B\n', en: 'Line 1: the header names the column “company” twice. Give each column its own name.' },
  { code: 'csv-columns', format: 'csv', text: 'company,country\nAcme,US\nGlobex\n', en: 'Line 3 has 1 value, but the header has 2 columns (company, country). Every row needs one value per column (a value may be empty).' },
  {
    code: 'csv-columns-many', format: 'csv', text: 'company,country\nAcme, Inc.,DE\nGlobex,US\nBeta\nGamma, SA,FR\nDelta, AG,DE\n',
    en: '4 rows do not match the header, which has 2 columns (company, country): line 2 has 3 values, line 4 has 1 value, line 5 has 3 values, and 1 more row. Put quotes around each value that contains a comma, e.g. "Acme, Inc.". Every row needs one value per column (a value may be empty).',
  },
  { code: 'csv-quote-open', format: 'csv', text: 'a,b\nx,"never closed\ny,z\n', en: 'Line 2, column 3: a quoted value starts here but its closing quote (") is missing.' },
  { code: 'csv-quote-text', format: 'csv', text: 'a,b\n"x"y,z\n', en: 'Line 2, column 4: there is text after a closing quote. Put the whole value in quotes and write a quote inside it as "".' },
  { code: 'json-syntax-at', format: 'json', text: '["Acme",]', en: 'The JSON is not valid near line 1, column 9. Check the quotes, commas and brackets there.' },
  { code: 'json-not-array', format: 'json', text: '{"a": 1}', en: 'The JSON must be an array of inputs, e.g. ["first input", {"company": "Acme"}].' },
  { code: 'json-item', format: 'json', text: '["ok", 42]', en: 'Item 2 of the JSON array is a number; each item must be text or an object of input fields.' },
];
/** JSON.parse failing where no position can be found is rare: its words are checked without a form. */
const NO_POSITION = new BatchInputError('The JSON is not valid.', { problem: 'json-syntax', code: 'json-syntax' });

const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const englishSentences = new Set(CASES.map((c) => c.en));

async function batchForm(lang: string): Promise<TaskFormElement> {
  const store = freshStore();
  const box = await fixture<HTMLDivElement>(html`<div lang=${lang}><task-form provider="parallel" store=${store.name} proxy-url="/mock" auth-mode="none"></task-form></div>`);
  const form = box.querySelector<TaskFormElement>('task-form')!;
  await form.updateComplete;
  q<HTMLInputElement>(form, 'input[name="batch-mode"]')!.click();
  await until(() => !!q(form, '#pf-batch'), 5000, 'the batch field');
  return form;
}

async function shownError(form: TaskFormElement, format: BatchFormat, text: string): Promise<string> {
  q<HTMLInputElement>(form, `input[name="batch-format"][value="${format}"]`)!.click();
  const area = q<HTMLTextAreaElement>(form, '#pf-batch')!;
  area.value = text;
  area.dispatchEvent(new Event('input'));
  area.dispatchEvent(new Event('blur'));
  await form.updateComplete;
  await until(() => !!q(form, '#pf-batch-error'), 3000, `the error for ${text.slice(0, 30)}`);
  return q(form, '#pf-batch-error')!.textContent!.trim();
}

describe('batch errors in the words of the form’s language', () => {
  it('has an input for every BatchInputError code, and each causes its code', () => {
    const codes = CASES.map(({ code, format, text }) => {
      try {
        parseBatchInput(text, format);
      } catch (error) {
        expect((error as BatchInputError).code, text.slice(0, 30)).to.equal(code);
        return code;
      }
      throw new Error(`no error for ${code}`);
    });
    expect([...codes, NO_POSITION.code].sort()).to.deep.equal([...BATCH_INPUT_CODES].sort());
  });

  it('in English: each code’s sentence, counts by plural rules', async function () {
    this.timeout(30_000);
    const form = await batchForm('en');
    for (const { code, format, text, en } of CASES) expect(await shownError(form, format, text), code).to.equal(en);
    expect(withLocalizer(new Localizer('en'), () => batchInputText(NO_POSITION))).to.equal(english['batch.error.jsonSyntax']);
  });

  it('in German: every code in German, numbers in German, positions as written; none of the English', async function () {
    this.timeout(30_000);
    const form = await batchForm('de');
    const said: string[] = [];
    for (const { code, format, text, en } of CASES) {
      const shown = await shownError(form, format, text);
      said.push(shown);
      expect(englishSentences.has(shown), `${code} is in English: ${shown}`).to.equal(false);
      expect(shown, code).to.not.equal(en);
      for (const position of en.match(/(?:line|column|Line|Item) (\d+)/g) ?? []) expect(shown, `${code} keeps ${position}`).to.contain(position.split(' ')[1]);
    }
    expect(said[CASES.findIndex((c) => c.code === 'too-many')]).to.equal('Es gibt 10.001 Eingaben; ein Stapel fasst höchstens 10.000. Teilen Sie sie auf mehrere Stapel auf.');
    expect(said[CASES.findIndex((c) => c.code === 'line-too-long')]).to.equal('Zeile 2 ist 25.001 Zeichen lang; eine Eingabe darf höchstens 25.000 haben.');
    expect(said[CASES.findIndex((c) => c.code === 'csv-columns')]).to.equal('Zeile 3 hat 1 Wert, die Kopfzeile aber 2 Spalten (company, country). Jede Zeile braucht einen Wert pro Spalte (ein Wert darf leer sein).');
    expect(said[CASES.findIndex((c) => c.code === 'csv-columns-many')]).to.equal('4 Zeilen passen nicht zur Kopfzeile mit 2 Spalten (company, country): Zeile 2 hat 3 Werte, Zeile 4 hat 1 Wert, Zeile 5 hat 3 Werte und 1 weitere Zeile. Setzen Sie jeden Wert, der ein Komma enthält, in Anführungszeichen, z. B. "Acme, Inc.". Jede Zeile braucht einen Wert pro Spalte (ein Wert darf leer sein).');
    expect(said[CASES.findIndex((c) => c.code === 'json-item')]).to.equal('Element 2 des JSON-Arrays ist eine Zahl; jedes Element muss Text oder ein Objekt mit Eingabefeldern sein.');
  });

  it('every code’s words are in the English and the German catalogs', () => {
    const keys = Object.keys(english).filter((key) => key.startsWith('batch.error.') || key.startsWith('batch.itemKind.'));
    expect(keys.length).to.be.greaterThan(BATCH_INPUT_CODES.length);
    for (const key of keys) expect((de as Record<string, unknown>)[key], key).to.not.equal(undefined);
  });
});

describe('a batch sent part of the way (GroupSubmitError) in words', () => {
  const refused = new HttpStatusError('Too many requests (429).', { status: 429, url: '/v1/tasks/groups/tgrp_1/runs', body: { error: { message: 'Rate limit exceeded' } } });
  const failure = (sent: number, remaining: number) => new GroupSubmitError({
    groupId: 'tgrp_1', submittedRunIds: Array.from({ length: sent }, (_, i) => `trun_${i}`), firstUnsubmitted: sent, remaining, cause: refused,
  });
  const say = (lang: 'en' | 'de', error: Error) => withLocalizer(lang === 'de' ? new Localizer('de', de) : new Localizer('en'), () => errorText(error));

  it('says one run and one input in the singular, and why, in English', () => {
    expect(failure(1, 1).message, 'the core’s English (logs, task-error)').to.match(/^1 run of the batch was submitted and is running; the other 1 was not\./);
    expect(say('en', failure(1, 1))).to.equal('1 run of the batch was submitted and is running. 1 input was not sent: submit again to add it to the same batch. The reason: Too many requests (429). Wait a moment, then try again.');
    expect(say('en', failure(1_000, 1_500))).to.equal('1,000 runs of the batch were submitted and are running. 1,500 inputs were not sent: submit again to add them to the same batch. The reason: Too many requests (429). Wait a moment, then try again.');
    expect(say('en', failure(0, 5))).to.equal('The batch could not be submitted; no run was started. The reason: Too many requests (429). Wait a moment, then try again.');
  });

  it('says the same in German, with German plurals and numbers', () => {
    expect(say('de', failure(1, 1))).to.match(/^1 Lauf des Stapels wurde gesendet und läuft\. 1 Eingabe wurde nicht gesendet: .* Der Grund: /);
    expect(say('de', failure(1_000, 1_500))).to.match(/^1\.000 Läufe des Stapels wurden gesendet und laufen\. 1\.500 Eingaben wurden nicht gesendet: .* Der Grund: /);
    expect(say('de', failure(0, 5))).to.match(/^Der Stapel konnte nicht gesendet werden; es wurde kein Lauf gestartet\. Der Grund: /);
    expect(say('de', failure(2, 3))).to.not.match(/batch|submitted|reason/i);
  });
});
