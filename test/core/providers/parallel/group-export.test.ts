import { expect } from '@open-wc/testing';
import { exportRows, resultsToCsv, resultsToJson } from '../../../../src/core/providers/parallel/group-export.js';
import type { GroupEvent } from '../../../../src/core/providers/parallel/group-types.js';

type RunResult = Extract<GroupEvent, { kind: 'run-state' }>;
const result = (runId: string, status: 'completed' | 'failed' | 'running', input: RunResult['input'], content?: unknown, error?: string): RunResult => ({
  kind: 'run-state',
  run: { runId, status, ...(error ? { error: { message: error } } : {}) },
  input,
  ...(content === undefined ? {} : { output: typeof content === 'string' ? { type: 'text', content, basis: [] } : { type: 'json', content, basis: [] } }),
});

describe('group results as files', () => {
  const results = new Map<string, RunResult>([
    ['r2', result('r2', 'failed', { company: 'Globex' }, undefined, 'Boom')],
    ['r1', result('r1', 'completed', { company: 'Acme, Inc.' }, { ceo: 'Jane "JJ" Doe', founded: 1999 })],
    ['r3', result('r3', 'running', { company: '=HYPERLINK("http://evil")' })],
  ]);

  it('lists runs in input order with input, status, output content and error', () => {
    const rows = exportRows(['r1', 'r2', 'r3', 'missing'], results);
    expect(rows.map((r) => r.run_id)).to.deep.equal(['r1', 'r2', 'r3']);
    expect(rows[1]).to.deep.equal({ run_id: 'r2', status: 'failed', input: { company: 'Globex' }, output: null, error: 'Boom' });
    expect(JSON.parse(resultsToJson(rows))).to.deep.equal(rows);
  });

  it('writes RFC 4180 CSV with input.* and output.* columns, quoting commas and quotes', () => {
    const csv = resultsToCsv(exportRows(['r1', 'r2'], results));
    expect(csv.split('\r\n')).to.deep.equal([
      'run_id,status,input.company,output.ceo,output.founded,error',
      'r1,completed,"Acme, Inc.","Jane ""JJ"" Doe",1999,',
      'r2,failed,Globex,,,Boom',
      '',
    ]);
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const csv = resultsToCsv(exportRows(['r3'], results));
    expect(csv).to.contain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('puts text inputs and text outputs in one input / output column', () => {
    const text = new Map<string, RunResult>([['t', result('t', 'completed', 'Acme', 'A report')]]);
    expect(resultsToCsv(exportRows(['t'], text)).split('\r\n')[0]).to.equal('run_id,status,input,output,error');
  });
});
