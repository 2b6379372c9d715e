/**
 * The Parallel form's draft (what the user typed) and its validation into a create body
 * (parallel-task-api.md §4). Every error names its field so the form can show it next to it.
 */
import type { ParallelCreateParams, ParallelInputSchema, ParallelOutputSchema } from '../providers/parallel/parallel-types.js';
import { isParallelProcessor } from '../providers/parallel/processors.js';
import { checkDate, checkDomain, checkHttpsUrl, parseJsonObject } from './fields.js';
import { checkOutputSchema } from './output-schema.js';
import { findHidden } from '../store/redact.js';
import { readDomainText, withDomains } from './domain-text.js';

/** Said where a re-run holds a secret that was not kept (store/redact.ts). */
const HIDDEN_MESSAGE = 'a secret here was not saved with the run and shows as "hidden"; type it again.';

export interface ParallelDraft {
  inputMode: 'text' | 'json';
  input: string;
  processor: string;
  outputType: 'auto' | 'text' | 'json';
  outputDescription: string;
  outputSchema: string;
  inputSchema: string;
  includeDomains: string[];
  excludeDomains: string[];
  /** Typed into the "only these domains" box but not added yet: sent too, or refused with an error. */
  includeDomainText: string;
  /** Typed into the "never these domains" box but not added yet. */
  excludeDomainText: string;
  afterDate: string;
  webhookUrl: string;
  webhookStatus: boolean;
  metadata: string;
  mcpServers: string;
  previousInteractionId: string;
  location: string;
}

export type ParallelField = keyof ParallelDraft;

export interface DraftResult<P, F extends string> {
  /** The request body, only when there are no errors. */
  params?: P;
  errors: Partial<Record<F, string>>;
  warnings: Partial<Record<F, string[]>>;
}

export const MAX_SPEC_CHARS = 15_000;
export const MAX_SPEC_AND_INPUT_CHARS = 25_000;

export const EXAMPLE_OUTPUT_SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    summary: { type: 'string', description: 'Two-sentence answer' },
    key_points: { type: 'array', items: { type: 'string' }, description: 'Main findings' },
    founded_year: { type: ['integer', 'null'], description: 'Year founded, if known' },
  },
  required: ['summary', 'key_points', 'founded_year'],
  additionalProperties: false,
}, null, 2);

export function emptyParallelDraft(): ParallelDraft {
  return {
    inputMode: 'text', input: '', processor: 'base', outputType: 'auto', outputDescription: '',
    outputSchema: EXAMPLE_OUTPUT_SCHEMA, inputSchema: '', includeDomains: [], excludeDomains: [],
    includeDomainText: '', excludeDomainText: '', afterDate: '',
    webhookUrl: '', webhookStatus: true, metadata: '', mcpServers: '', previousInteractionId: '', location: '',
  };
}

/** A draft that reproduces a previous create body (re-run). */
export function parallelDraftFromRequest(params: ParallelCreateParams): ParallelDraft {
  const draft = emptyParallelDraft();
  draft.inputMode = typeof params.input === 'string' ? 'text' : 'json';
  draft.input = typeof params.input === 'string' ? params.input : JSON.stringify(params.input, null, 2);
  draft.processor = params.processor;
  const output = params.task_spec?.output_schema;
  if (typeof output === 'string') Object.assign(draft, { outputType: 'text', outputDescription: output });
  else if (output?.type === 'text') Object.assign(draft, { outputType: 'text', outputDescription: output.description ?? '' });
  else if (output?.type === 'json') Object.assign(draft, { outputType: 'json', outputSchema: JSON.stringify(output.json_schema, null, 2) });
  const input = params.task_spec?.input_schema;
  if (typeof input === 'string') draft.inputSchema = input;
  else if (input?.type === 'json') draft.inputSchema = JSON.stringify(input.json_schema, null, 2);
  else if (input?.type === 'text') draft.inputSchema = input.description ?? '';
  draft.includeDomains = [...(params.source_policy?.include_domains ?? [])];
  draft.excludeDomains = [...(params.source_policy?.exclude_domains ?? [])];
  draft.afterDate = params.source_policy?.after_date ?? '';
  draft.webhookUrl = params.webhook?.url ?? '';
  draft.webhookStatus = params.webhook ? (params.webhook.event_types ?? []).includes('task_run.status') : true;
  draft.metadata = params.metadata ? JSON.stringify(params.metadata) : '';
  draft.mcpServers = params.mcp_servers ? JSON.stringify(params.mcp_servers, null, 2) : '';
  draft.previousInteractionId = params.previous_interaction_id ?? '';
  draft.location = params.advanced_settings?.location ?? '';
  return draft;
}

function checkMetadata(value: Record<string, unknown>): string | undefined {
  for (const [key, item] of Object.entries(value)) {
    if (key.length > 16) return `Metadata key "${key}" is ${key.length} characters long; keys may have at most 16.`;
    if (!['string', 'number', 'boolean'].includes(typeof item)) return `Metadata value of "${key}" must be a string, number or boolean.`;
    if (String(item).length > 512) return `Metadata value of "${key}" is longer than 512 characters.`;
  }
  return undefined;
}

function parseMcpServers(text: string): { value?: ParallelCreateParams['mcp_servers']; error?: string } {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'MCP servers must be valid JSON: an array of {"type":"url","name","url"}.' };
  }
  if (!Array.isArray(value)) return { error: 'MCP servers must be a JSON array.' };
  for (const [i, server] of value.entries()) {
    const s = server as Record<string, unknown>;
    if (!s || s.type !== 'url' || typeof s.name !== 'string' || typeof s.url !== 'string') return { error: `MCP server ${i + 1} needs "type": "url", a "name" and a "url".` };
    const bad = checkHttpsUrl(s.url, `MCP server ${i + 1} url`);
    if (bad) return { error: bad };
    if (findHidden(s).length) return { error: `MCP server ${i + 1}: ${HIDDEN_MESSAGE}` };
  }
  return { value: value as ParallelCreateParams['mcp_servers'] };
}

/** Validates a draft; returns the create body when it is valid. */
export function validateParallelDraft(draft: ParallelDraft): DraftResult<ParallelCreateParams, ParallelField> {
  const errors: Partial<Record<ParallelField, string>> = {};
  const warnings: Partial<Record<ParallelField, string[]>> = {};
  let input: string | Record<string, unknown> = draft.input;
  if (!draft.input.trim()) errors.input = 'Describe the task: the input is required.';
  else if (draft.inputMode === 'json') {
    const parsed = parseJsonObject(draft.input, 'The input', false);
    if (parsed.error) errors.input = parsed.error;
    else input = parsed.value!;
  }
  if (!isParallelProcessor(draft.processor)) errors.processor = `Unknown processor "${draft.processor}".`;

  let outputSchema: ParallelOutputSchema = { type: 'auto' };
  if (draft.outputType === 'text') outputSchema = { type: 'text', ...(draft.outputDescription.trim() ? { description: draft.outputDescription.trim() } : {}) };
  if (draft.outputType === 'json') {
    const parsed = parseJsonObject(draft.outputSchema, 'The output schema', false);
    if (parsed.error) errors.outputSchema = parsed.error;
    else {
      const report = checkOutputSchema(parsed.value);
      if (report.errors.length) errors.outputSchema = report.errors.join(' ');
      if (report.warnings.length) warnings.outputSchema = report.warnings;
      outputSchema = { type: 'json', json_schema: parsed.value! };
    }
  }
  let inputSchema: ParallelInputSchema | undefined;
  const schemaText = draft.inputSchema.trim();
  if (schemaText.startsWith('{')) {
    const parsed = parseJsonObject(schemaText, 'The input schema');
    if (parsed.error) errors.inputSchema = parsed.error;
    else inputSchema = { type: 'json', json_schema: parsed.value! };
  } else if (schemaText) inputSchema = schemaText;

  // Domains typed into a box but not added are sent as if added, or block the submit: never dropped.
  const domains = { includeDomains: draft.includeDomains, excludeDomains: draft.excludeDomains };
  for (const [list, textField] of [['includeDomains', 'includeDomainText'], ['excludeDomains', 'excludeDomainText']] as const) {
    const bad = draft[list].map(checkDomain).find(Boolean);
    const typed = readDomainText(draft[textField]);
    if (bad) errors[list] = bad;
    else if (typed.error) errors[list] = `${typed.error} Fix it or clear the box: it was typed but not added.`;
    domains[list] = withDomains(draft[list], typed.domains);
  }
  if (domains.includeDomains.length + domains.excludeDomains.length > 200) errors.includeDomains ??= 'At most 200 domains in total.';
  const dateError = checkDate(draft.afterDate);
  if (dateError) errors.afterDate = dateError;
  const webhookError = checkHttpsUrl(draft.webhookUrl, 'The webhook URL');
  if (webhookError) errors.webhookUrl = webhookError;
  else if (findHidden(draft.webhookUrl).length) errors.webhookUrl = `The webhook URL: ${HIDDEN_MESSAGE}`;
  const metadata = parseJsonObject(draft.metadata, 'Metadata');
  const metadataError = metadata.error ?? (metadata.value ? checkMetadata(metadata.value) : undefined);
  if (metadataError) errors.metadata = metadataError;
  const mcp = parseMcpServers(draft.mcpServers);
  if (mcp.error) errors.mcpServers = mcp.error;
  if (draft.location && !/^[A-Z]{2}$/.test(draft.location.trim().toUpperCase())) errors.location = 'Use a two-letter country code (ISO 3166-1 alpha-2), like US or DE.';

  const taskSpec = { output_schema: outputSchema, ...(inputSchema !== undefined ? { input_schema: inputSchema } : {}) };
  const specChars = JSON.stringify(taskSpec).length;
  const inputChars = typeof input === 'string' ? input.length : JSON.stringify(input).length;
  if (specChars > MAX_SPEC_CHARS) errors.outputSchema ??= `The task spec is ${specChars.toLocaleString()} characters; at most ${MAX_SPEC_CHARS.toLocaleString()} are allowed.`;
  else if (specChars + inputChars > MAX_SPEC_AND_INPUT_CHARS) errors.input ??= `Input and task spec are ${(specChars + inputChars).toLocaleString()} characters together; at most ${MAX_SPEC_AND_INPUT_CHARS.toLocaleString()} are allowed.`;

  if (Object.keys(errors).length) return { errors, warnings };
  const params: ParallelCreateParams = { input, processor: draft.processor, task_spec: taskSpec };
  const policy = {
    ...(domains.includeDomains.length ? { include_domains: domains.includeDomains.map((d) => d.trim().toLowerCase()) } : {}),
    ...(domains.excludeDomains.length ? { exclude_domains: domains.excludeDomains.map((d) => d.trim().toLowerCase()) } : {}),
    ...(draft.afterDate ? { after_date: draft.afterDate } : {}),
  };
  if (Object.keys(policy).length) params.source_policy = policy;
  if (draft.webhookUrl.trim()) params.webhook = { url: draft.webhookUrl.trim(), event_types: draft.webhookStatus ? ['task_run.status'] : [] };
  if (metadata.value && Object.keys(metadata.value).length) params.metadata = metadata.value as ParallelCreateParams['metadata'];
  if (mcp.value?.length) params.mcp_servers = mcp.value;
  if (draft.previousInteractionId.trim()) params.previous_interaction_id = draft.previousInteractionId.trim();
  if (draft.location.trim()) params.advanced_settings = { location: draft.location.trim().toUpperCase() };
  return { params, errors, warnings };
}
