import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startMockServer } from '../../../server/mock/mock-server.js';
import { KEY, createParallelRun, requestJson, useMockServer, waitFor } from './helpers.js';

const mock = useMockServer();
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function assertErrorBody(body: any, status: number, pattern?: RegExp): void {
  assert.equal(body.type, 'error', `status ${status} body ${JSON.stringify(body)}`);
  assert.match(body.error.ref_id, /^[0-9a-f-]{36}$/);
  assert.equal(typeof body.error.message, 'string');
  assert.ok('detail' in body.error);
  if (pattern) assert.match(body.error.message, pattern);
}

async function create(json: unknown, headers: Record<string, string> = { 'x-api-key': KEY }): Promise<{ status: number; body: any }> {
  return requestJson(`${mock.url}/v1/tasks/runs`, { method: 'POST', headers, json });
}

describe('Parallel: POST /v1/tasks/runs', () => {
  it('answers 202 with a queued TaskRun', async () => {
    const { status, body } = await create({ input: 'Who founded Parallel Web Systems?', processor: 'core', metadata: { team: 'docs', n: 3, ok: true } });
    assert.equal(status, 202);
    assert.match(body.run_id, /^trun_[0-9a-f]{32}$/);
    assert.equal(body.interaction_id, body.run_id);
    assert.equal(body.status, 'queued');
    assert.equal(body.is_active, true);
    assert.equal(body.processor, 'core');
    assert.deepEqual(body.metadata, { team: 'docs', n: 3, ok: true });
    assert.equal(body.warnings, null);
    assert.equal(body.error, null);
    assert.equal(body.taskgroup_id, null);
    assert.match(body.created_at, ISO_MICROS);
    assert.equal(body.modified_at, body.created_at);
  });

  it('accepts every processor, including core2x and the -fast variants', async () => {
    const names = ['lite', 'base', 'core', 'core2x', 'pro', 'ultra', 'ultra2x', 'ultra4x', 'ultra8x'];
    for (const name of [...names, ...names.map((n) => `${n}-fast`)]) {
      const { status, body } = await create({ input: 'x', processor: name, metadata: { mock_speed: 1000 } });
      assert.equal(status, 202, name);
      assert.equal(body.processor, name);
    }
  });

  it('accepts input as a string or an object and a bare string as the output schema', async () => {
    assert.equal((await create({ input: { company: 'Acme', country: 'CH' }, processor: 'lite' })).status, 202);
    assert.equal((await create({ input: 'Acme', processor: 'lite', task_spec: { output_schema: 'A short profile' } })).status, 202);
    assert.equal((await create({ input: 'Acme', processor: 'lite', task_spec: null })).status, 202);
  });

  it('rejects a request without x-api-key with 401 and the API error body', async () => {
    const { status, body } = await create({ input: 'x', processor: 'lite' }, {});
    assert.equal(status, 401);
    assertErrorBody(body, status, /api key/i);
    const run = await createParallelRun(mock.url, { input: 'x', processor: 'lite' });
    for (const suffix of ['', '/result?timeout=0', '/events', '/input']) {
      const reply = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}${suffix}`);
      assert.equal(reply.status, 401, suffix);
      assertErrorBody(reply.body, 401);
    }
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ['a missing input', { processor: 'lite' }, /input/],
    ['an empty input', { input: '  ', processor: 'lite' }, /input/],
    ['an array input', { input: ['a'], processor: 'lite' }, /input/],
    ['a missing processor', { input: 'x' }, /processor/],
    ['an unknown processor', { input: 'x', processor: 'mega' }, /Unknown processor 'mega'/],
    ['a body that is not an object', [1, 2], /object/],
    ['an unknown output schema type', { input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'yaml' } } }, /yaml/],
    ['a json schema whose root is not an object', { input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: { type: 'array', items: { type: 'string' } } } } }, /root/],
    ['a json schema without properties', { input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: { type: 'object', properties: {} } } } }, /properties/],
    ['anyOf at the root', { input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [] } } } }, /anyOf/],
    ['an unsupported keyword (format)', { input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: { type: 'object', properties: { d: { type: 'string', format: 'date' } } } } } }, /format/],
    ['an unsupported keyword (minLength)', { input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: { type: 'object', properties: { d: { type: 'string', minLength: 2 } } } } } }, /minLength/],
    ['nesting deeper than 5', { input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: nested(6) } } }, /nested 6 levels/],
    ['more than 100 properties', { input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: wide(101) } } }, /101 properties/],
    ['a metadata key over 16 characters', { input: 'x', processor: 'lite', metadata: { this_key_is_too_long: 'v' } }, /key/],
    ['a metadata value over 512 characters', { input: 'x', processor: 'lite', metadata: { k: 'v'.repeat(513) } }, /512/],
    ['a metadata value that is an object', { input: 'x', processor: 'lite', metadata: { k: { nested: true } } }, /string, number or boolean/],
  ];
  for (const [name, json, pattern] of invalid) {
    it(`answers 422 with the API error body for ${name}`, async () => {
      const { status, body } = await create(json);
      assert.equal(status, 422);
      assertErrorBody(body, status, pattern);
      assert.ok(Array.isArray(body.error.detail.errors));
    });
  }

  it('answers 422 for a body that is not JSON, and for an empty body', async () => {
    for (const text of ['{"input": "x",', '']) {
      const reply = await requestJson(`${mock.url}/v1/tasks/runs`, { method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: text });
      assert.equal(reply.status, 422);
      assertErrorBody(reply.body, 422);
    }
  });

  it('accepts a schema at exactly the limits (depth 5, 100 properties)', async () => {
    assert.equal((await create({ input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: nested(5) } } })).status, 202);
    assert.equal((await create({ input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: wide(100) } } })).status, 202);
  });

  it('returns spec warnings for fields missing from required, open objects and reserved field names', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, citations: { type: 'array', items: { type: 'string' } } }, required: ['name'] };
    const { status, body } = await create({ input: 'x', processor: 'lite', task_spec: { output_schema: { type: 'json', json_schema: schema } } });
    assert.equal(status, 202);
    const messages = body.warnings.map((w: any) => w.message).join('\n');
    assert.ok(body.warnings.every((w: any) => w.type === 'spec_validation_warning'));
    assert.match(messages, /'citations' is not listed in 'required'/);
    assert.match(messages, /additionalProperties/);
    assert.match(messages, /basis/);
  });

  it('reports queued, then running, then completed on GET, and returns the request on GET …/input', async () => {
    const request = { input: 'History of Zürich', processor: 'lite', metadata: { mock_speed: 5 } };
    const run = await createParallelRun(mock.url, request);
    const first = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}`, { headers: { 'x-api-key': KEY } });
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'queued');
    const running = await waitFor(async () => {
      const r = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}`, { headers: { 'x-api-key': KEY } });
      return r.body.status === 'running' ? r.body : undefined;
    });
    assert.equal(running.is_active, true);
    assert.notEqual(running.modified_at, running.created_at);
    const done = await waitFor(async () => {
      const r = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}`, { headers: { 'x-api-key': KEY } });
      return r.body.status === 'completed' ? r.body : undefined;
    });
    assert.equal(done.is_active, false);
    const input = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}/input`, { headers: { 'x-api-key': KEY } });
    assert.deepEqual(input.body, request);
  });

  it('answers 404 with the error body for an unknown run id and an unknown path', async () => {
    for (const path of ['/v1/tasks/runs/trun_unknown', '/v1/tasks/runs/trun_unknown/events', '/v1beta/tasks/runs/trun_unknown/events', '/v1/tasks/batches', '/v1/tasks/groups/tgrp_unknown']) {
      const reply = await requestJson(`${mock.url}${path}`, { headers: { 'x-api-key': KEY } });
      assert.equal(reply.status, 404, path);
      assertErrorBody(reply.body, 404);
    }
  });

  it('gives the same ids and content for the same seed and the same requests', async () => {
    const results = [];
    for (let i = 0; i < 2; i++) {
      const server = await startMockServer({ seed: 7 });
      try {
        const run = await createParallelRun(server.url, { input: 'Solar power in Kenya', processor: 'base', metadata: { mock_speed: 200 } });
        const result = await requestJson(`${server.url}/v1/tasks/runs/${run.run_id}/result?timeout=30`, { headers: { 'x-api-key': KEY } });
        results.push({ id: run.run_id, output: result.body.output });
      } finally {
        await server.close();
      }
    }
    assert.equal(results[0]?.id, results[1]?.id);
    assert.deepEqual(results[0]?.output, results[1]?.output);
  });
});

function nested(levels: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'object', properties: { leaf: { type: 'string' } } };
  for (let i = 1; i < levels; i++) schema = { type: 'object', properties: { [`level${levels - i}`]: schema } };
  return schema;
}

function wide(count: number): Record<string, unknown> {
  return { type: 'object', properties: Object.fromEntries(Array.from({ length: count }, (_, i) => [`f${i}`, { type: 'string' }])) };
}
