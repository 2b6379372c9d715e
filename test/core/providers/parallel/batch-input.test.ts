import { expect } from '@open-wc/testing';
import { MAX_BATCH_INPUTS, parseBatchInput } from '../../../../src/core/providers/parallel/batch-input.js';
import { BatchInputError } from '../../../../src/core/providers/parallel/group-errors.js';
import { engine } from '../../../support/engine.js';

function failure(text: string, format?: 'lines' | 'csv' | 'json'): BatchInputError {
  try {
    parseBatchInput(text, format);
  } catch (error) {
    expect(error).to.be.instanceOf(BatchInputError);
    return error as BatchInputError;
  }
  throw new Error('expected a BatchInputError');
}

describe('batch inputs: lines', () => {
  it('takes one trimmed input per non-empty line (LF, CRLF and CR)', () => {
    expect(parseBatchInput('Acme\r\n\n  Globex  \rInitech\n', 'lines')).to.deep.equal({ format: 'lines', inputs: ['Acme', 'Globex', 'Initech'] });
  });

  it('refuses text with no inputs and names what to add', () => {
    const error = failure(' \n\n', 'lines');
    expect(error.problem).to.equal('empty');
    expect(error.message).to.match(/one per line/);
  });

  it('names the line of an input over 25,000 characters', () => {
    const error = failure(`ok\n${'x'.repeat(25_001)}`, 'lines');
    expect(error.problem).to.equal('too-long');
    expect(error.line).to.equal(2);
    expect(error.message).to.match(/^Line 2 is 25,001 characters/);
  });

  it(`refuses more than ${MAX_BATCH_INPUTS} inputs in one batch`, () => {
    const error = failure(Array.from({ length: MAX_BATCH_INPUTS + 1 }, (_, i) => `c${i}`).join('\n'), 'lines');
    expect(error.problem).to.equal('too-many');
  });
});

describe('batch inputs: CSV with a header row', () => {
  it('turns each row into an input object whose fields are the header columns', () => {
    const parsed = parseBatchInput('company,country\nAcme,US\n"Globex, Inc.",DE\n', 'csv');
    expect(parsed.columns).to.deep.equal(['company', 'country']);
    expect(parsed.inputs).to.deep.equal([{ company: 'Acme', country: 'US' }, { company: 'Globex, Inc.', country: 'DE' }]);
  });

  it('reads quoted values with doubled quotes and line breaks, a BOM, CRLF, and skips empty rows', () => {
    const parsed = parseBatchInput('\uFEFFname,note\r\n"Say ""hi""","two\nlines"\r\n,\r\nB,c\r\n', 'csv');
    expect(parsed.inputs).to.deep.equal([{ name: 'Say "hi"', note: 'two\nlines' }, { name: 'B', note: 'c' }]);
  });

  it('uses the delimiter of the header row: semicolons and tabs too', () => {
    expect(parseBatchInput('a;b\n1,5;2\n', 'csv').inputs).to.deep.equal([{ a: '1,5', b: '2' }]);
    expect(parseBatchInput('a\tb\nx\ty\n', 'csv').inputs).to.deep.equal([{ a: 'x', b: 'y' }]);
  });

  it('names the line of a row with the wrong number of values, and the columns it expects', () => {
    const error = failure('company,country\nAcme,US\nGlobex\n', 'csv');
    expect(error.problem).to.equal('csv-columns');
    expect(error.line).to.equal(3);
    expect(error.message).to.equal('Line 3 has 1 value, but the header has 2 columns (company, country). Every row needs one value per column (a value may be empty).');
    expect([error.values, error.columns]).to.deep.equal([1, ['company', 'country']]);
    expect(failure('company\nAcme\nGlobex,DE\n', 'csv').message).to.equal('Line 3 has 2 values, but the header has 1 column (company). Put quotes around each value that contains a comma, e.g. "Acme, Inc.".');
  });

  it('says to quote a value with the separator when a row has more values, and that each column needs a value when it has fewer', () => {
    expect(failure('company,country\nAcme, Inc.,Germany', 'csv').message).to.equal('Line 2 has 3 values, but the header has 2 columns (company, country). Put quotes around each value that contains a comma, e.g. "Acme, Inc.".');
    expect(failure('company;country\nAcme; Inc.;Germany', 'csv').message).to.equal('Line 2 has 3 values, but the header has 2 columns (company, country). Put quotes around each value that contains a semicolon, e.g. "Acme; Inc.".');
    expect(failure('company\tcountry\nAcme\tInc.\tGermany', 'csv').message).to.equal('Line 2 has 3 values, but the header has 2 columns (company, country). Put quotes around each value that contains a tab.');
    const error = failure('company,country\nAcme, Inc.,Germany', 'csv');
    expect([error.code, error.line, error.values, error.delimiter, error.rows]).to.deep.equal(['csv-columns', 2, 3, ',', [{ line: 2, values: 3 }]]);
  });

  it('counts every row of the wrong width and names the first three, with the advice for more and for fewer values', () => {
    const text = 'company,country\nAcme, Inc.,DE\nGlobex,US\nBeta\nGamma, SA,FR\nDelta, AG,DE\nEpsilon, Ltd,UK\n';
    const error = failure(text, 'csv');
    expect(error.code).to.equal('csv-columns-many');
    expect(error.rows).to.deep.equal([{ line: 2, values: 3 }, { line: 4, values: 1 }, { line: 5, values: 3 }, { line: 6, values: 3 }, { line: 7, values: 3 }]);
    expect(error.message).to.equal('5 rows do not match the header, which has 2 columns (company, country): line 2 has 3 values, line 4 has 1 value, line 5 has 3 values, and 2 more rows. Put quotes around each value that contains a comma, e.g. "Acme, Inc.". Every row needs one value per column (a value may be empty).');
    expect(failure('a,b,c\nx,y\nz\n', 'csv').message).to.equal('2 rows do not match the header, which has 3 columns (a, b, c): line 2 has 2 values and line 3 has 1 value. Every row needs one value per column (a value may be empty).');
  });

  it('names the line and column where an unclosed quote starts', () => {
    const error = failure('a,b\nx,"never closed\ny,z\n', 'csv');
    expect(error.problem).to.equal('csv-quote');
    expect([error.line, error.column]).to.deep.equal([2, 3]);
    expect(error.message).to.match(/^Line 2, column 3: a quoted value starts here/);
  });

  it('names the line and column of text after a closing quote', () => {
    const error = failure('a,b\n"x"y,z\n', 'csv');
    expect([error.problem, error.line, error.column]).to.deep.equal(['csv-quote', 2, 4]);
  });

  it('refuses a header with an empty or a repeated column name, naming the column', () => {
    const empty = failure('company,,country\nA,B,C\n', 'csv');
    expect([empty.problem, empty.line, empty.column]).to.deep.equal(['csv-header', 1, 2]);
    const twice = failure('company,company\nA,B\n', 'csv');
    expect([twice.problem, twice.field, twice.column]).to.deep.equal(['csv-header', 'company', 2]);
  });

  it('refuses a CSV with only a header row', () => {
    expect(failure('company,country\n', 'csv').problem).to.equal('empty');
  });
});

describe('batch inputs: JSON array', () => {
  it('takes text items and object items', () => {
    expect(parseBatchInput('["Acme", {"company": "Globex", "year": 2024}]').inputs).to.deep.equal(['Acme', { company: 'Globex', year: 2024 }]);
  });

  it('names the line and column of a syntax error, without the parser message', () => {
    const error = failure('[\n  "Acme",\n  "Globex"\n  "Initech"\n]', 'json');
    expect(error.problem).to.equal('json-syntax');
    expect(error.line).to.equal(4);
    expect(error.message).to.match(/^The JSON is not valid near line 4, column \d+\. Check the quotes, commas and brackets there\.$/);
  });

  it(`names the same line and column in every engine, whose JSON.parse messages differ (WebKit's name no position): ${engine}`, () => {
    const cases: Array<[string, number, number]> = [
      ['["Acme",]', 1, 9], // trailing comma
      ['["Acme", "Glo', 1, 10], // unterminated string: where it starts
      ["['Acme']", 1, 2], // single quotes
      ['[\n  "Acme"', 2, 9], // unclosed array: at the end
      ['["a"] x', 1, 7], // text after the array
      ['[{"company": "Acme" "year": 2024}]', 1, 21], // missing comma between fields
      ['[// note\n"a"]', 1, 2], // a comment
      ['[01]', 1, 3], // a leading zero
    ];
    for (const [text, line, column] of cases) {
      const error = failure(text, 'json');
      expect([error.problem, error.line, error.column], text).to.deep.equal(['json-syntax', line, column]);
    }
  });

  it('refuses a JSON value that is not an array, and items that are not text or objects, naming the item', () => {
    expect(failure('{"a": 1}', 'json').problem).to.equal('json-shape');
    const error = failure('["ok", 42]', 'json');
    expect([error.problem, error.item]).to.deep.equal(['json-shape', 2]);
    expect(error.message).to.equal('Item 2 of the JSON array is a number; each item must be text or an object of input fields.');
    expect(failure('["ok", ""]', 'json').message).to.match(/Item 2 .* empty text/);
    expect(failure('[{}]', 'json').message).to.match(/Item 1 .* an empty object/);
  });
});
