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
import { t } from './words.js';

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
    if (key.length > 16) return t('validation.metadata.keyLength', { key, length: key.length, max: 16 });
    if (!['string', 'number', 'boolean'].includes(typeof item)) return t('validation.metadata.valueType', { key });
    if (String(item).length > 512) return t('validation.metadata.valueLength', { key, max: 512 });
  }
  return undefined;
}

function parseMcpServers(text: string): { value?: ParallelCreateParams['mcp_servers']; error?: string } {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: t('validation.mcp.json') };
  }
  if (!Array.isArray(value)) return { error: t('validation.mcp.array') };
  for (const [i, server] of value.entries()) {
    const s = server as Record<string, unknown>;
    if (!s || s.type !== 'url' || typeof s.name !== 'string' || typeof s.url !== 'string') return { error: t('validation.mcp.shape', { n: i + 1 }) };
    const bad = checkHttpsUrl(s.url, t('validation.mcp.url', { n: i + 1 }));
    if (bad) return { error: bad };
    if (findHidden(s).length) return { error: t('validation.hidden', { what: t('validation.mcp.server', { n: i + 1 }) }) };
  }
  return { value: value as ParallelCreateParams['mcp_servers'] };
}

/** Validates a draft; returns the create body when it is valid. Messages: the render's language (English outside one). */
export function validateParallelDraft(draft: ParallelDraft): DraftResult<ParallelCreateParams, ParallelField> {
  const errors: Partial<Record<ParallelField, string>> = {};
  const warnings: Partial<Record<ParallelField, string[]>> = {};
  let input: string | Record<string, unknown> = draft.input;
  if (!draft.input.trim()) errors.input = t('validation.input.required');
  else if (draft.inputMode === 'json') {
    const parsed = parseJsonObject(draft.input, 'validation.what.input', false);
    if (parsed.error) errors.input = parsed.error;
    else input = parsed.value!;
  }
  if (!isParallelProcessor(draft.processor)) errors.processor = t('validation.processor', { processor: draft.processor });

  let outputSchema: ParallelOutputSchema = { type: 'auto' };
  if (draft.outputType === 'text') outputSchema = { type: 'text', ...(draft.outputDescription.trim() ? { description: draft.outputDescription.trim() } : {}) };
  if (draft.outputType === 'json') {
    const parsed = parseJsonObject(draft.outputSchema, 'validation.what.outputSchema', false);
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
    const parsed = parseJsonObject(schemaText, 'validation.what.inputSchema');
    if (parsed.error) errors.inputSchema = parsed.error;
    else inputSchema = { type: 'json', json_schema: parsed.value! };
  } else if (schemaText) inputSchema = schemaText;

  // Domains typed into a box but not added are sent as if added, or block the submit: never dropped.
  const domains = { includeDomains: draft.includeDomains, excludeDomains: draft.excludeDomains };
  for (const [list, textField] of [['includeDomains', 'includeDomainText'], ['excludeDomains', 'excludeDomainText']] as const) {
    const bad = draft[list].map(checkDomain).find(Boolean);
    const typed = readDomainText(draft[textField]);
    if (bad) errors[list] = bad;
    else if (typed.error) errors[list] = t('validation.domain.typed', { problem: typed.error });
    domains[list] = withDomains(draft[list], typed.domains);
  }
  if (domains.includeDomains.length + domains.excludeDomains.length > 200) errors.includeDomains ??= t('validation.domain.tooMany', { max: 200 });
  const dateError = checkDate(draft.afterDate);
  if (dateError) errors.afterDate = dateError;
  const webhookError = checkHttpsUrl(draft.webhookUrl, t('validation.what.webhook'));
  if (webhookError) errors.webhookUrl = webhookError;
  else if (findHidden(draft.webhookUrl).length) errors.webhookUrl = t('validation.hidden', { what: t('validation.what.webhook') });
  const metadata = parseJsonObject(draft.metadata, 'validation.what.metadata');
  const metadataError = metadata.error ?? (metadata.value ? checkMetadata(metadata.value) : undefined);
  if (metadataError) errors.metadata = metadataError;
  const mcp = parseMcpServers(draft.mcpServers);
  if (mcp.error) errors.mcpServers = mcp.error;
  if (draft.location && !/^[A-Z]{2}$/.test(draft.location.trim().toUpperCase())) errors.location = t('validation.location');

  const taskSpec = { output_schema: outputSchema, ...(inputSchema !== undefined ? { input_schema: inputSchema } : {}) };
  const specChars = JSON.stringify(taskSpec).length;
  const inputChars = typeof input === 'string' ? input.length : JSON.stringify(input).length;
  if (specChars > MAX_SPEC_CHARS) errors.outputSchema ??= t('validation.specLength', { length: specChars, max: MAX_SPEC_CHARS });
  else if (specChars + inputChars > MAX_SPEC_AND_INPUT_CHARS) errors.input ??= t('validation.specAndInputLength', { length: specChars + inputChars, max: MAX_SPEC_AND_INPUT_CHARS });

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
