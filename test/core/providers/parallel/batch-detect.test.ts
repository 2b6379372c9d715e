import { expect } from '@open-wc/testing';
import { detectBatchFormat } from '../../../../src/core/providers/parallel/batch-detect.js';
import { parseBatchInput } from '../../../../src/core/providers/parallel/batch-input.js';
import { BatchInputError, type BatchInputCode } from '../../../../src/core/providers/parallel/group-errors.js';

/** What "Detect" makes of a text: the format it chose and the error, if any. */
function detected(text: string): { format: string; code?: BatchInputCode; line?: number; column?: number; item?: number } {
  const format = detectBatchFormat(text);
  try {
    parseBatchInput(text);
  } catch (error) {
    expect(error).to.be.instanceOf(BatchInputError);
    const { code, line, column, item } = error as BatchInputError;
    return { format, code, ...(line ? { line } : {}), ...(column ? { column } : {}), ...(item ? { item } : {}) };
  }
  return { format };
}

describe('batch inputs: format detection', () => {
  it('detects a JSON array by its bracket or file name, CSV by file name, else lines', () => {
    expect(detectBatchFormat('  ["a"]')).to.equal('json');
    expect(detectBatchFormat('a,b', 'list.csv')).to.equal('csv');
    expect(detectBatchFormat('a\tb', 'list.TSV')).to.equal('csv');
    expect(detectBatchFormat('x', 'inputs.json')).to.equal('json');
    expect(detectBatchFormat('Acme, Inc.\nGlobex')).to.equal('lines');
  });

  it('reads pasted text by the same rules as a file: a header row with as many separators as the rows is CSV (fresh14 e)', () => {
    const fifty = ['company,country', ...Array.from({ length: 50 }, (_, i) => `Company ${String(i + 1).padStart(2, '0')} Ltd,US`)].join('\n');
    for (const text of [
      'company,country\nAcme,US\nGlobex,DE', // the field's own placeholder
      'company;country\r\nAcme;US\r\nGlobex;DE\r\n',
      'company\tcountry\nAcme\tUS\nGlobex\tDE',
      '"company","country"\n"Acme, Inc.","US"\n"Globex","DE"',
      fifty,
    ]) {
      expect(detectBatchFormat(text), text.slice(0, 40)).to.equal('csv');
    }
    const parsed = parseBatchInput(fifty);
    expect([parsed.format, parsed.inputs.length, parsed.columns]).to.deep.equal(['csv', 50, ['company', 'country']]);
    expect(parsed.inputs[0]).to.deep.equal({ company: 'Company 01 Ltd', country: 'US' });
    expect(parseBatchInput('"company","country"\n"Acme, Inc.","US"').inputs).to.deep.equal([{ company: 'Acme, Inc.', country: 'US' }]);
  });

  it('keeps text that is not a table as lines: no header row, sentences or numbers as "names", a quote in a sentence', () => {
    for (const text of [
      'Who makes the best tea?\nWhere is Acme based?',
      'company,country', // a header with no rows is one line
      'Acme, Inc.\nGlobex, Ltd.', // names ending a sentence
      'What is X, and why?\nWho is Y, and when?',
      '1,2\n3,4', // numbers are values, not column names
      '"Acme, Inc.,US\nGlobex,DE', // no header: "Inc." ends a sentence
      'Tell me about Paris, France\n"Berlin" is a city too', // a quote at a line start, but no separator on that line
      'Tell me about Paris, France\nand Berlin\nand Rome', // one line in three with the header's width
    ]) {
      expect(detectBatchFormat(text), text).to.equal('lines');
    }
  });
});

describe('batch inputs: Detect never reads a broken CSV or JSON as lines (freshG §4)', () => {
  it('reads a CSV with a quote left open as CSV and names where the quote opens (freshG: 3 inputs, header included, were sent)', () => {
    expect(detected('company,country\n"Acme,DE\nBeta,FR')).to.deep.equal({ format: 'csv', code: 'csv-quote-open', line: 2, column: 1 });
    expect(detected('company;country\n"Acme;DE\nBeta;FR')).to.deep.equal({ format: 'csv', code: 'csv-quote-open', line: 2, column: 1 });
    expect(detected('company\tcountry\nAcme\t"DE\nBeta\tFR')).to.deep.equal({ format: 'csv', code: 'csv-quote-open', line: 2, column: 6 });
    expect(detected('"company,country\nAcme,DE\nBeta,FR')).to.deep.equal({ format: 'csv', code: 'csv-quote-open', line: 1, column: 1 });
  });

  it('reads a CSV with text after a closing quote as CSV', () => {
    expect(detected('company,country\n"Acme" Inc,DE\nBeta,FR')).to.deep.equal({ format: 'csv', code: 'csv-quote-text', line: 2, column: 7 });
  });

  it('reads a CSV with a ragged row (more or fewer values than the header) as CSV and names the row', () => {
    expect(detected('company,country\nAcme,DE,extra\nBeta,FR')).to.deep.equal({ format: 'csv', code: 'csv-columns', line: 2 });
    expect(detected('company,country\nAcme,US\nGlobex')).to.deep.equal({ format: 'csv', code: 'csv-columns', line: 3 });
    const fifty = ['company,country', ...Array.from({ length: 50 }, (_, i) => (i === 30 ? `Company ${i}, Ltd,US` : `Company ${i},US`))].join('\n');
    expect(detected(fifty)).to.deep.equal({ format: 'csv', code: 'csv-columns', line: 32 });
  });

  it('reads a header of column names over rows that all have its separator as CSV, even when no row has the header’s width (new-user trial: "Acme, Inc." unquoted was read as 2 lines)', () => {
    const rows = (text: string) => {
      try {
        parseBatchInput(text);
      } catch (error) {
        return (error as BatchInputError).rows;
      }
      return undefined;
    };
    expect(detected('company,country\nAcme, Inc.,Germany')).to.deep.equal({ format: 'csv', code: 'csv-columns', line: 2 });
    expect(detected('company;country\nAcme; Inc.;Germany')).to.deep.equal({ format: 'csv', code: 'csv-columns', line: 2 });
    expect(detected('company\tcountry\nAcme\tInc.\tGermany')).to.deep.equal({ format: 'csv', code: 'csv-columns', line: 2 });
    expect(detected('company,country,website\nAcme,DE\nBeta,FR')).to.deep.equal({ format: 'csv', code: 'csv-columns-many', line: 2 });
    expect(rows('company,country,website\nAcme,DE\nBeta,FR'), 'fewer values, every row').to.deep.equal([{ line: 2, values: 2 }, { line: 3, values: 2 }]);
    expect(detected('company,country\r\nAcme, Inc.,Germany\r\nBeta, SA,France\r\n')).to.deep.equal({ format: 'csv', code: 'csv-columns-many', line: 2 });
    expect(rows('company,country\r\nAcme, Inc.,Germany\r\nGlobex,US\r\nBeta, SA,France\r\n'), 'CRLF').to.deep.equal([{ line: 2, values: 3 }, { line: 4, values: 3 }]);
  });

  it('keeps questions with commas as lines: no header of column names, or a line without the separator', () => {
    for (const text of [
      'What is the revenue of Acme, Inc.?\nWho founded Beta, SA?',
      'What is the revenue of Acme, Inc.?\r\nWho founded Beta, SA?\r\n',
      'What is the revenue of Acme, Inc. in 2024\nWho founded Beta, Gamma, and Delta', // no question marks, but sentences, not column names
      'Acme, Germany\nWho founded Beta?', // a second line without a comma
      'Who makes the best tea?\nAcme, Inc., Germany',
    ]) {
      expect(detected(text), text).to.deep.equal({ format: 'lines' });
    }
  });

  it('reads a CSV whose header names a column twice or leaves one unnamed as CSV', () => {
    expect(detected('name,name\nAcme,Globex')).to.deep.equal({ format: 'csv', code: 'csv-repeated-column', line: 1, column: 2 });
    expect(detected('company,\nAcme,US')).to.deep.equal({ format: 'csv', code: 'csv-unnamed-column', line: 1, column: 2 });
  });

  it('reads text starting with [ or { as JSON and names where it breaks: a trailing comma, an unclosed array, an object, JSON lines', () => {
    expect(detected('["Acme",]')).to.deep.equal({ format: 'json', code: 'json-syntax-at', line: 1, column: 9 });
    expect(detected('[{"company":"Acme"},')).to.deep.equal({ format: 'json', code: 'json-syntax-at', line: 1, column: 21 });
    expect(detected('[\n  {"company": "Acme"},\n  {"company": "Globex"},\n]')).to.deep.equal({ format: 'json', code: 'json-syntax-at', line: 4, column: 1 });
    expect(detected('{"company": "Acme"}')).to.deep.equal({ format: 'json', code: 'json-not-array' });
    expect(detected('{"company": "Acme"}\n{"company": "Globex"}')).to.deep.equal({ format: 'json', code: 'json-syntax-at', line: 2, column: 1 });
  });

  it('reads a JSON or CSV file saved with a byte order mark', () => {
    expect(parseBatchInput('\uFEFF["Acme", "Globex"]').inputs).to.deep.equal(['Acme', 'Globex']);
    expect(detected('\uFEFF["Acme",]')).to.deep.equal({ format: 'json', code: 'json-syntax-at', line: 1, column: 9 });
    expect(detected('\uFEFFcompany,country\n"Acme,DE\nBeta,FR')).to.deep.equal({ format: 'csv', code: 'csv-quote-open', line: 2, column: 1 });
  });
});
