import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY, createParallelRun, requestJson, useMockServer } from './helpers.js';

const mock = useMockServer();

async function outputOf(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
  const run = await createParallelRun(mock.url, { ...body, metadata: { mock_speed: 200 } }, headers);
  const reply = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}/result?timeout=600`, { headers: { 'x-api-key': KEY } });
  assert.equal(reply.status, 200);
  return reply.body.output;
}

/** Minimal structural check of a value against the schema subset the mock supports. */
function conforms(value: unknown, schema: any, root: any = schema): string | undefined {
  if (schema.$ref) return conforms(value, root.$defs[schema.$ref.split('/').pop()], root);
  if (schema.enum) return schema.enum.includes(value) ? undefined : `${JSON.stringify(value)} not in enum`;
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return `expected ${types.join('|')}, got ${actual}`;
  if (actual === 'object') {
    for (const [key, child] of Object.entries<any>(schema.properties ?? {})) {
      if (!(key in (value as object))) return `missing ${key}`;
      const problem = conforms((value as any)[key], child, root);
      if (problem) return `${key}: ${problem}`;
    }
  }
  if (actual === 'array') {
    if ((value as unknown[]).length === 0) return 'empty array';
    for (const item of value as unknown[]) {
      const problem = conforms(item, schema.items, root);
      if (problem) return `[]: ${problem}`;
    }
  }
  return undefined;
}

/** SDK FieldBasis/Citation: confidence, title and excerpts may each be null. */
function assertBasisEntry(entry: any): void {
  assert.equal(typeof entry.field, 'string');
  assert.ok(entry.reasoning.length > 10);
  assert.ok(entry.confidence === null || ['low', 'medium', 'high'].includes(entry.confidence));
  assert.ok(entry.citations.length >= 1);
  for (const citation of entry.citations) {
    assert.match(citation.url, /^https:\/\//);
    assert.ok(citation.title === null || typeof citation.title === 'string');
    assert.ok(citation.excerpts === null || (Array.isArray(citation.excerpts) && citation.excerpts.length >= 1), 'excerpts is an array or null');
  }
}

const COMPANY_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Company name' },
    website: { type: 'string' },
    founded_year: { type: 'integer' },
    revenue_usd_billions: { type: 'number' },
    is_public: { type: 'boolean' },
    stage: { type: 'string', enum: ['seed', 'growth', 'public'] },
    ceo: { type: ['string', 'null'] },
    key_executives: { type: 'array', items: { $ref: '#/$defs/person' } },
    headquarters: { type: 'object', properties: { city: { type: 'string' }, country: { type: 'string' } }, required: ['city', 'country'], additionalProperties: false },
    products: { type: 'array', items: { type: 'string' } },
  },
  required: ['name', 'website', 'founded_year', 'revenue_usd_billions', 'is_public', 'stage', 'ceo', 'key_executives', 'headquarters', 'products'],
  additionalProperties: false,
  $defs: { person: { type: 'object', properties: { name: { type: 'string' }, title: { type: 'string' } }, required: ['name', 'title'], additionalProperties: false } },
};

describe('Parallel: run output', () => {
  it('follows the requested JSON schema: strings, numbers, booleans, enums, nullable, arrays, nested objects, $ref', async () => {
    const output = await outputOf({ input: { company: 'Stripe' }, processor: 'core', task_spec: { output_schema: { type: 'json', json_schema: COMPANY_SCHEMA } } });
    assert.equal(output.type, 'json');
    assert.equal(conforms(output.content, COMPANY_SCHEMA), undefined);
    assert.match(output.content.website, /^https:\/\//);
    assert.ok(output.content.founded_year >= 1900 && output.content.founded_year <= 2025);
    assert.equal(output.output_schema, undefined, 'output_schema only for auto runs');
    assert.deepEqual(output.basis.map((b: any) => b.field), Object.keys(COMPANY_SCHEMA.properties), 'one basis entry per top-level field');
    output.basis.forEach(assertBasisEntry);
  });

  it('adds per-element basis entries (key_executives.0) with the field-basis beta header', async () => {
    const output = await outputOf(
      { input: 'Stripe', processor: 'core', task_spec: { output_schema: { type: 'json', json_schema: COMPANY_SCHEMA } } },
      { 'parallel-beta': 'events-sse-2025-07-24,field-basis-2025-11-25' },
    );
    const fields = output.basis.map((b: any) => b.field);
    assert.ok(fields.includes('key_executives.0'));
    assert.ok(fields.includes(`products.${output.content.products.length - 1}`));
  });

  it('answers an auto run with a generated schema in output.output_schema and content that follows it', async () => {
    for (const body of [{ input: 'The HVAC market in the USA', processor: 'pro' }, { input: 'The HVAC market', processor: 'ultra', task_spec: { output_schema: { type: 'auto' } } }]) {
      const output = await outputOf(body);
      assert.equal(output.type, 'json');
      assert.equal(output.output_schema.type, 'object');
      assert.ok(Object.keys(output.output_schema.properties).length >= 5);
      assert.equal(conforms(output.content, output.output_schema), undefined);
      const fields = output.basis.map((b: any) => b.field);
      assert.ok(fields.some((f: string) => f.includes('.')), 'nested basis in dot notation');
      output.basis.forEach(assertBasisEntry);
    }
  });

  it('generates fewer auto fields for a smaller processor', async () => {
    const lite = await outputOf({ input: 'Coffee prices', processor: 'lite' });
    const ultra = await outputOf({ input: 'Coffee prices', processor: 'ultra' });
    assert.ok(Object.keys(lite.content).length < Object.keys(ultra.content).length);
  });

  it('answers a text run with a markdown report: headings, bold, lists, a table, links and inline citations', async () => {
    const output = await outputOf({ input: 'Nuclear fusion startups', processor: 'pro', task_spec: { output_schema: { type: 'text', description: 'A two-page briefing' } } });
    assert.equal(output.type, 'text');
    const md: string = output.content;
    assert.match(md, /^# /m);
    assert.match(md, /^## /m);
    assert.match(md, /\*\*[^*]+\*\*/);
    assert.match(md, /^- /m);
    assert.match(md, /^\| .* \|$/m);
    assert.match(md, /^\|---/m);
    assert.match(md, /\(\[[^\]]+\]\(https:\/\/[^)]+\)\)/, 'inline citation links');
    assert.match(md, /^1\. \[/m);
    assert.match(md, /A two-page briefing/);
    assert.equal(output.basis.length, 1);
    assert.equal(output.basis[0].field, 'output');
    assertBasisEntry(output.basis[0]);
  });

  it('writes a longer report for a more capable processor', async () => {
    const lite = await outputOf({ input: 'Nuclear fusion startups', processor: 'lite', task_spec: { output_schema: 'Briefing' } });
    const ultra = await outputOf({ input: 'Nuclear fusion startups', processor: 'ultra', task_spec: { output_schema: 'Briefing' } });
    assert.equal(lite.type, 'text');
    assert.ok(ultra.content.length > lite.content.length * 1.5);
  });
});
