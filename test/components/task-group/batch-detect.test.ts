/**
 * "Inputs as: Detect" in the real form (freshG §4: a CSV with a quote left open was read as one input
 * per line, header included, and "Run batch" created a 3-run batch). Text that looks like CSV or JSON
 * but is broken shows that format's error, in English and German, and nothing is sent; text read as
 * lines says so in the count.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);

async function detectForm(lang: 'en' | 'de'): Promise<TaskFormElement> {
  const store = freshStore();
  store.setCredential('parallel', 'mock-test-key');
  const box = await fixture<HTMLDivElement>(html`<div lang=${lang}><task-form provider="parallel" store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-form></div>`);
  const form = box.querySelector<TaskFormElement>('task-form')!;
  await form.updateComplete;
  q<HTMLInputElement>(form, 'input[name="batch-mode"]')!.click();
  await until(() => !!q(form, '#pf-batch'), 5000, 'the batch field');
  expect(q<HTMLInputElement>(form, 'input[name="batch-format"][value="auto"]')!.checked, 'Detect is the default').to.equal(true);
  return form;
}

async function paste(form: TaskFormElement, text: string): Promise<HTMLTextAreaElement> {
  const area = q<HTMLTextAreaElement>(form, '#pf-batch')!;
  area.value = text;
  area.dispatchEvent(new Event('input'));
  await form.updateComplete;
  return area;
}

/** Pastes `text`, presses "Run batch", and returns what the field says; fails when a group request was made. */
async function refused(form: TaskFormElement, text: string): Promise<{ error: string; hint: string }> {
  const requests: string[] = [];
  const original = window.fetch;
  window.fetch = (input, init) => (requests.push(String(input)), original(input, init));
  try {
    const area = await paste(form, text);
    q(form, '[part="submit"]')!.click();
    await until(() => area.getAttribute('aria-invalid') === 'true' && !!q(form, '#pf-batch-error'), 5000, `the error for ${JSON.stringify(text.slice(0, 30))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests.filter((url) => url.includes('/groups')), `nothing sent for ${JSON.stringify(text)}`).to.deep.equal([]);
    expect(area.getAttribute('aria-describedby')).to.contain('pf-batch-error');
    return { error: q(form, '#pf-batch-error')!.textContent!.trim(), hint: q(form, '#pf-batch-hint')!.textContent!.trim() };
  } finally {
    window.fetch = original;
  }
}

const UNCLOSED = 'company,country\n"Acme,DE\nBeta,FR';

describe('Detect reads broken CSV and JSON as what they are, and says when it reads lines (freshG §4)', () => {
  it('in English: a CSV with a quote left open shows the CSV error at line 2, column 1 and sends nothing (was "3 inputs", a 3-run batch)', async () => {
    const form = await detectForm('en');
    const { error, hint } = await refused(form, UNCLOSED);
    expect(error).to.equal('Line 2, column 1: a quoted value starts here but its closing quote (") is missing.');
    expect(hint).to.equal('Detected as a CSV with a header row. If it is one input per line, choose “One per line” above.');
    expect(hint, 'no count for a text that cannot be read').to.not.match(/inputs|estimated/);
  });

  it('in English: every other broken CSV or JSON shows its format’s error, with its line and column', async () => {
    const form = await detectForm('en');
    const cases: Array<[string, string, string]> = [
      ['company,country\nAcme,DE,extra\nBeta,FR', 'Line 2 has 3 values, but the header has 2 columns (company, country). Put quotes around each value that contains a comma, e.g. "Acme, Inc.".', 'CSV'],
      ['company,country\n"Acme" Inc,DE\nBeta,FR', 'Line 2, column 7: there is text after a closing quote. Put the whole value in quotes and write a quote inside it as "".', 'CSV'],
      ['company;country\n"Acme;DE\nBeta;FR', 'Line 2, column 1: a quoted value starts here but its closing quote (") is missing.', 'CSV'],
      ['name,name\nAcme,Globex', 'Line 1: the header names the column “name” twice. Give each column its own name.', 'CSV'],
      ['["Acme", "Globex",]', 'The JSON is not valid near line 1, column 19. Check the quotes, commas and brackets there.', 'JSON'],
      ['[{"company":"Acme"},', 'The JSON is not valid near line 1, column 21. Check the quotes, commas and brackets there.', 'JSON'],
      ['{"company": "Acme"}\n{"company": "Globex"}', 'The JSON is not valid near line 2, column 1. Check the quotes, commas and brackets there.', 'JSON'],
      ['{"company": "Acme"}', 'The JSON must be an array of inputs, e.g. ["first input", {"company": "Acme"}].', 'JSON'],
    ];
    for (const [text, sentence, format] of cases) {
      const { error, hint } = await refused(form, text);
      expect(error, text).to.equal(sentence);
      expect(hint, text).to.match(new RegExp(`^Detected as (a )?${format}`));
    }
  });

  it('in German: the same errors in German with line and column, and the detected format', async () => {
    const form = await detectForm('de');
    const unclosed = await refused(form, UNCLOSED);
    expect(unclosed.error).to.equal('Zeile 2, Spalte 1: Hier beginnt ein Wert in Anführungszeichen, aber das schließende Anführungszeichen (") fehlt.');
    expect(unclosed.hint).to.equal('Als CSV mit Kopfzeile erkannt. Ist es eine Eingabe pro Zeile, wählen Sie oben „Eine pro Zeile“.');
    expect((await refused(form, 'company,country\nAcme,DE,extra\nBeta,FR')).error).to.equal('Zeile 2 hat 3 Werte, die Kopfzeile aber 2 Spalten (company, country). Setzen Sie jeden Wert, der ein Komma enthält, in Anführungszeichen, z. B. "Acme, Inc.".');
    const json = await refused(form, '["Acme", "Globex",]');
    expect(json.error).to.equal('Das JSON ist nahe Zeile 1, Spalte 19 nicht gültig. Prüfen Sie dort die Anführungszeichen, Kommas und Klammern.');
    expect(json.hint).to.match(/^Als JSON erkannt/);
  });

  it('reads a header over a row with an unquoted comma as CSV: says which line, its values against the columns, to quote the value; keeps the text (new-user trial: read as 2 lines, the header an input)', async () => {
    const text = 'company,country\nAcme, Inc.,Germany';
    const en = await detectForm('en');
    const said = await refused(en, text);
    expect(said.error).to.equal('Line 2 has 3 values, but the header has 2 columns (company, country). Put quotes around each value that contains a comma, e.g. "Acme, Inc.".');
    expect(said.hint).to.match(/^Detected as a CSV with a header row\./);
    expect(q<HTMLTextAreaElement>(en, '#pf-batch')!.value, 'the typed text is kept').to.equal(text);

    const semicolons = await refused(en, 'company;country;website\r\nAcme;DE\r\nBeta; SA;FR;beta.fr\r\nGamma;IT\r\n');
    expect(semicolons.error).to.equal('3 rows do not match the header, which has 3 columns (company, country, website): line 2 has 2 values, line 3 has 4 values, and line 4 has 2 values. Put quotes around each value that contains a semicolon, e.g. "Acme; Inc.". Every row needs one value per column (a value may be empty).');

    const de = await detectForm('de');
    expect((await refused(de, text)).error).to.equal('Zeile 2 hat 3 Werte, die Kopfzeile aber 2 Spalten (company, country). Setzen Sie jeden Wert, der ein Komma enthält, in Anführungszeichen, z. B. "Acme, Inc.".');
    expect((await refused(de, 'company\tcountry\nAcme\tInc.\tDE\nBeta\tSA\tFR')).error).to.equal('2 Zeilen passen nicht zur Kopfzeile mit 2 Spalten (company, country): Zeile 2 hat 3 Werte und Zeile 3 hat 3 Werte. Setzen Sie jeden Wert, der einen Tabulator enthält, in Anführungszeichen.');
  });

  it('keeps questions that contain commas as lines, one input each', async () => {
    const en = await detectForm('en');
    await paste(en, 'What is the revenue of Acme, Inc.?\nWho founded Beta, SA?');
    expect(q(en, '#pf-batch-hint')!.textContent).to.match(/^Read as 2 lines, one input each · /);
  });

  it('says when it reads the text as lines, one input each, in English and German', async () => {
    const en = await detectForm('en');
    await paste(en, 'Who makes the best tea?\nWhere is Acme based?\nAcme, Inc.');
    expect(q(en, '#pf-batch-hint')!.textContent).to.equal('Read as 3 lines, one input each · estimated $0.030 (base, $10 per 1,000 runs)');
    await paste(en, 'Who makes the best tea?');
    expect(q(en, '#pf-batch-hint')!.textContent).to.match(/^Read as 1 line, one input · /);
    q<HTMLInputElement>(en, 'input[name="batch-format"][value="lines"]')!.click();
    await en.updateComplete;
    expect(q(en, '#pf-batch-hint')!.textContent, 'a format chosen by hand is not announced').to.match(/^1 input · /);

    const de = await detectForm('de');
    await paste(de, 'Wer macht den besten Tee?\nWo sitzt Acme?\nAcme, Inc.');
    expect(q(de, '#pf-batch-hint')!.textContent).to.match(/^Als 3 Zeilen gelesen, je eine Eingabe · geschätzt /);
  });
});
