/**
 * The output of a completed Parallel run (parallel-task-api.md §6): `json` content that follows
 * the requested schema, `auto` runs with a generated schema returned in `output.output_schema`
 * (type `json`, nested basis), and `text` runs as a markdown report with inline citations and one
 * basis entry for the field `output`. Detail grows with the processor.
 */
import type { Rng } from '../rng.js';
import { capitalize, finding, paragraph, sentence } from '../content/prose.js';
import type { Source } from '../content/sources.js';
import { basisEntry, basisForJson, markdownExcerpt, type FieldBasis } from './parallel-basis.js';
import { valueForSchema } from './parallel-json.js';
import type { ProcessorProfile } from './parallel-processors.js';
import type { OutputSpec } from './parallel-validate.js';

export interface JsonOutput {
  type: 'json';
  content: Record<string, unknown>;
  basis: FieldBasis[];
  /** Only for auto runs: the schema the processor chose. */
  output_schema?: Record<string, unknown>;
  /** Only when the run was given `mcp_servers`. */
  mcp_tool_calls?: McpToolCall[];
}

export interface TextOutput {
  type: 'text';
  content: string;
  basis: FieldBasis[];
  mcp_tool_calls?: McpToolCall[];
}

/** SDK `McpToolCall`. */
export interface McpToolCall {
  tool_call_id: string;
  server_name: string;
  tool_name: string;
  /** JSON-encoded arguments. */
  arguments: string;
  content: string | null;
  error: string | null;
}

export type ParallelOutput = JsonOutput | TextOutput;

/** Inputs of {@link generateOutput}. */
export interface OutputContext {
  rng: Rng;
  topic: string;
  sources: readonly Source[];
  profile: ProcessorProfile;
  /** The create request sent `parallel-beta: field-basis-2025-11-25`. */
  fieldBasisBeta: boolean;
}

/** Builds the output for a run. */
export function generateOutput(spec: OutputSpec, ctx: OutputContext): ParallelOutput {
  const arrayItems = Math.min(4, 1 + ctx.profile.detail);
  const json = { rng: ctx.rng, topic: ctx.topic, sources: ctx.sources, arrayItems };
  if (spec.kind === 'text') return textReport(ctx, spec.description);
  if (spec.kind === 'json') {
    const content = valueForSchema(spec.schema, json) as Record<string, unknown>;
    return { type: 'json', content, basis: basisForJson(ctx.rng, content, ctx.sources, { nested: false, arrayElements: ctx.fieldBasisBeta }) };
  }
  const schema = autoSchema(ctx.rng, ctx.profile.fields);
  const content = valueForSchema(schema, json) as Record<string, unknown>;
  return {
    type: 'json',
    content,
    basis: basisForJson(ctx.rng, content, ctx.sources, { nested: true, arrayElements: true }),
    output_schema: schema,
  };
}

type Property = [name: string, schema: Record<string, unknown>];

const AUTO_FIELDS: readonly Property[] = [
  ['summary', { type: 'string', description: 'A concise answer to the research question' }],
  ['key_findings', { type: 'array', description: 'The most important findings', items: { type: 'string' } }],
  ['primary_entity', {
    type: 'object',
    description: 'The main organisation or subject of the research',
    properties: { name: { type: 'string' }, website: { type: 'string' }, headquarters: { type: 'string' }, founded_year: { type: 'integer' } },
    required: ['name', 'website', 'headquarters', 'founded_year'],
    additionalProperties: false,
  }],
  ['market_share_percent', { type: 'number', description: 'Estimated share of the relevant market' }],
  ['recent_developments', {
    type: 'array',
    description: 'Notable recent events',
    items: {
      type: 'object',
      properties: { date: { type: 'string' }, development: { type: 'string' }, source_url: { type: 'string' } },
      required: ['date', 'development', 'source_url'],
      additionalProperties: false,
    },
  }],
  ['key_people', { type: 'array', description: 'People involved', items: { type: 'string' } }],
  ['is_publicly_traded', { type: 'boolean', description: 'Whether the main entity is listed' }],
  ['country', { type: 'string', description: 'Country most associated with the topic' }],
  ['outlook', { type: 'string', description: 'Expected direction over the next few years' }],
  ['last_updated', { type: 'string', description: 'Date of the most recent source (YYYY-MM-DD)' }],
];

/** The schema an auto run "chooses": `summary` first, then a deterministic subset. */
export function autoSchema(rng: Rng, fields: number): Record<string, unknown> {
  const [first, ...rest] = AUTO_FIELDS as [Property, ...Property[]];
  const chosen = [first, ...rng.sample(rest, Math.max(1, fields - 1))];
  const properties = Object.fromEntries(chosen);
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** A markdown report: headings, paragraphs with inline citations, bold, a list, a table, sources. */
function textReport(ctx: OutputContext, description: string | undefined): TextOutput {
  const { rng, topic, sources, profile } = ctx;
  const cite = (i: number): string => {
    const s = sources[i % sources.length] as Source;
    return `([${s.domain.replace(/^www\./, '')}](${s.url}))`;
  };
  const lines: string[] = [`# ${capitalize(topic)}`, ''];
  if (description) lines.push(`*Scope: ${description.replace(/\s+/g, ' ').slice(0, 200)}*`, '');
  lines.push('## Summary', '', `**${sentence(rng, topic)}** ${paragraph(rng, topic, 2)} ${cite(0)}`, '');
  lines.push('## Key findings', '');
  for (let i = 0; i < 2 + profile.detail; i++) lines.push(`- **${finding(rng, topic)}.** ${sentence(rng, topic)} ${cite(i + 1)}`);
  lines.push('', '## Comparison of sources', '', '| Source | Published | Main point |', '|---|---|---|');
  for (const s of sources.slice(0, 2 + profile.detail)) lines.push(`| [${s.title.replace(/\|/g, '-')}](${s.url}) | ${s.published} | ${finding(rng, topic)} |`);
  for (let i = 0; i < profile.detail; i++) {
    lines.push('', `## ${capitalize(rng.pick(['background', 'recent developments', 'open questions', 'outlook', 'methodology']))}`, '');
    lines.push(`${paragraph(rng, topic, 3)} ${cite(i + 3)}`);
  }
  lines.push('', '## Sources', '');
  sources.slice(0, 4 + profile.detail).forEach((s, i) => lines.push(`${i + 1}. [${s.title}](${s.url})`));
  const basis = basisEntry(rng, 'output', sources);
  basis.citations = sources.slice(0, 4 + profile.detail).map((s, i) => ({
    title: i === 1 ? null : s.title,
    url: s.url,
    excerpts: i === 2 ? null : [markdownExcerpt(rng, s.excerpt)],
  }));
  return { type: 'text', content: `${lines.join('\n')}\n`, basis: [basis] };
}
