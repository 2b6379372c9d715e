import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Parallel, { AuthenticationError, NotFoundError, UnprocessableEntityError } from 'parallel-web';
import { KEY, useMockServer } from './helpers.js';

const mock = useMockServer();
const client = (): Parallel => new Parallel({ apiKey: KEY, baseURL: mock.url, maxRetries: 0, logLevel: 'off' });

describe('the official parallel-web SDK against the mock', () => {
  it('creates a run, iterates its events and reads the result', async () => {
    const sdk = client();
    const run = await sdk.taskRun.create({
      input: 'What was the GDP of France in 2023?',
      processor: 'core',
      // 3 s (core takes 18 s at speed 1): still active when the SDK connects, even on a loaded
      // machine. A run that has ended gets one final state and no trace (as Parallel serves it), so
      // at speed 100 (180 ms) a slow connect saw no progress messages (failed a landing under load).
      metadata: { mock_speed: 6 },
      task_spec: { output_schema: { type: 'json', json_schema: { type: 'object', properties: { gdp_usd_trillions: { type: 'number' }, source_url: { type: 'string' } }, required: ['gdp_usd_trillions', 'source_url'], additionalProperties: false } } },
    });
    assert.match(run.run_id, /^trun_/);
    assert.equal(run.status, 'queued');

    const types: string[] = [];
    let last: unknown;
    for await (const event of await sdk.taskRun.events(run.run_id)) {
      types.push(event.type);
      last = event;
    }
    assert.equal(types[0], 'task_run.state');
    assert.ok(types.some((t) => t.startsWith('task_run.progress_msg.')));
    assert.ok(types.includes('task_run.progress_stats'));
    const final = last as Parallel.TaskRunEvent;
    assert.equal(final.type, 'task_run.state');
    assert.equal(final.run.status, 'completed');
    assert.equal(final.output?.type, 'json');

    const result = await sdk.taskRun.result(run.run_id, { timeout: 30 });
    assert.equal(result.run.status, 'completed');
    assert.equal(result.output.type, 'json');
    const content = result.output.content as { gdp_usd_trillions: number; source_url: string };
    assert.equal(typeof content.gdp_usd_trillions, 'number');
    assert.match(content.source_url, /^https:\/\//);
    assert.deepEqual(result.output, final.output);

    const retrieved = await sdk.taskRun.retrieve(run.run_id);
    assert.equal(retrieved.status, 'completed');
    const input = await sdk.taskRun.retrieveInput(run.run_id);
    assert.equal(input.processor, 'core');
  });

  it('surfaces the mock’s 422, 401 and 404 as the SDK’s typed errors', async () => {
    const sdk = client();
    await assert.rejects(sdk.taskRun.create({ input: 'x', processor: 'mega' }), (error: unknown) => {
      assert.ok(error instanceof UnprocessableEntityError);
      assert.match(String(error.message), /Unknown processor/);
      return true;
    });
    const run = await sdk.taskRun.create({ input: 'x', processor: 'lite', metadata: { mock_scenario: 'unauthorized' } });
    await assert.rejects(sdk.taskRun.retrieve(run.run_id), AuthenticationError);
    await assert.rejects(sdk.taskRun.retrieve('trun_missing'), NotFoundError);
  });
});
