/**
 * Validates the body of `POST /v1/tasks/runs` (parallel-task-api.md §4) into a normalized
 * {@link CreateRequest}, throwing a 422 {@link ParallelHttpError} for anything the real API
 * rejects: missing input, unknown processor, a bad output schema, metadata over the limits,
 * oversized specs.
 */
import { isRecord } from '../http-util.js';
import { invalidInput } from './parallel-errors.js';
import { PROCESSOR_NAMES } from './parallel-processors.js';
import { checkOutputSchema } from './parallel-schema.js';

/** Output requested by the task spec. */
export type OutputSpec =
  | { kind: 'auto' }
  | { kind: 'text'; description: string | undefined }
  | { kind: 'json'; schema: Record<string, unknown> };

/** A run warning as it appears in `run.warnings`. */
export interface RunWarning {
  type: 'spec_validation_warning' | 'input_validation_warning' | 'warning';
  message: string;
  detail: Record<string, unknown> | null;
}

/** A validated create request. */
export interface CreateRequest {
  input: string | Record<string, unknown>;
  processor: string;
  output: OutputSpec;
  /** The task_spec exactly as sent (null when absent), for `GET …/input`. */
  taskSpec: Record<string, unknown> | null;
  metadata: Record<string, string | number | boolean> | null;
  /** false only when the client sent `enable_events: false`. */
  enableEvents: boolean;
  warnings: RunWarning[];
  /** The source policy the run's sources must follow. */
  sourcePolicy: SourcePolicy;
  /** MCP servers the run may call (`mcp_servers`); the output lists the calls made. */
  mcpServers: McpServer[];
}

/** `source_policy` (SDK shared.ts `SourcePolicy`): plain domains or a bare TLD like `.gov`. */
export interface SourcePolicy {
  includeDomains: string[];
  excludeDomains: string[];
  /** `YYYY-MM-DD`: only content published on or after it. */
  afterDate: string | undefined;
}

/** One entry of `mcp_servers` (SDK `McpServer`: streamable HTTP, tools only). */
export interface McpServer {
  name: string;
  url: string;
  allowedTools: string[] | undefined;
}

const MAX_SPEC_CHARS = 15_000;
const MAX_SPEC_AND_INPUT_CHARS = 25_000;
const MAX_METADATA_KEY = 16;
const MAX_METADATA_VALUE = 512;
const MAX_POLICY_DOMAINS = 200;

/** Validates a parsed JSON body. */
export function validateCreate(body: unknown): CreateRequest {
  if (!isRecord(body)) throw invalidInput('Request body must be a JSON object', []);
  const input = body.input;
  if (input === undefined || input === null) throw invalidInput("Field 'input' is required", ['input']);
  if (typeof input === 'string') {
    if (input.trim() === '') throw invalidInput("Field 'input' must not be empty", ['input']);
  } else if (!isRecord(input)) {
    throw invalidInput("Field 'input' must be a string or an object", ['input']);
  }
  const processor = body.processor;
  if (typeof processor !== 'string' || processor === '') throw invalidInput("Field 'processor' is required", ['processor']);
  if (!PROCESSOR_NAMES.includes(processor)) {
    throw invalidInput(`Unknown processor '${processor}'. Valid processors: ${PROCESSOR_NAMES.join(', ')}`, ['processor']);
  }
  const warnings: RunWarning[] = [];
  const { output, taskSpec } = readTaskSpec(body.task_spec, warnings);
  const specChars = taskSpec ? JSON.stringify(taskSpec).length : 0;
  if (specChars > MAX_SPEC_CHARS) throw invalidInput(`The task spec is ${specChars} characters; the limit is ${MAX_SPEC_CHARS}`, ['task_spec']);
  const inputChars = typeof input === 'string' ? input.length : JSON.stringify(input).length;
  if (specChars + inputChars > MAX_SPEC_AND_INPUT_CHARS) {
    throw invalidInput(`Task spec plus input are ${specChars + inputChars} characters; the limit is ${MAX_SPEC_AND_INPUT_CHARS}`, ['input']);
  }
  const enableEvents = body.enable_events;
  if (enableEvents !== undefined && enableEvents !== null && typeof enableEvents !== 'boolean') {
    throw invalidInput("Field 'enable_events' must be a boolean", ['enable_events']);
  }
  const sourcePolicy = readSourcePolicy(body.source_policy);
  const mcpServers = readMcpServers(body.mcp_servers);
  return {
    input: input as string | Record<string, unknown>,
    processor,
    output,
    taskSpec,
    metadata: readMetadata(body.metadata),
    enableEvents: enableEvents !== false,
    warnings,
    sourcePolicy,
    mcpServers,
  };
}

/** Reads a `task_spec` (or a group's `default_task_spec`); 422 with a `task_spec` location when invalid. */
export function readTaskSpec(value: unknown, warnings: RunWarning[]): { output: OutputSpec; taskSpec: Record<string, unknown> | null } {
  if (value === undefined || value === null) return { output: { kind: 'auto' }, taskSpec: null };
  if (!isRecord(value)) throw invalidInput("Field 'task_spec' must be an object", ['task_spec']);
  const schema = value.output_schema;
  if (schema === undefined || schema === null) throw invalidInput("Field 'task_spec.output_schema' is required", ['task_spec', 'output_schema']);
  if (typeof schema === 'string') return { output: { kind: 'text', description: schema }, taskSpec: value };
  if (!isRecord(schema)) throw invalidInput("Field 'task_spec.output_schema' must be an object or a string", ['task_spec', 'output_schema']);
  const type = schema.type ?? (schema.json_schema !== undefined ? 'json' : schema.description !== undefined ? 'text' : 'auto');
  if (type === 'auto') return { output: { kind: 'auto' }, taskSpec: value };
  if (type === 'text') {
    const description = schema.description;
    if (description !== undefined && description !== null && typeof description !== 'string') {
      throw invalidInput("Field 'description' of a text schema must be a string", ['task_spec', 'output_schema', 'description']);
    }
    return { output: { kind: 'text', description: description ?? undefined }, taskSpec: value };
  }
  if (type !== 'json') {
    throw invalidInput(`Unknown output schema type '${String(type)}'; use 'json', 'text' or 'auto'`, ['task_spec', 'output_schema', 'type']);
  }
  const jsonSchema = schema.json_schema;
  if (!isRecord(jsonSchema)) throw invalidInput("A json output schema needs a 'json_schema' object", ['task_spec', 'output_schema', 'json_schema']);
  const check = checkOutputSchema(jsonSchema);
  const first = check.errors[0];
  if (first) throw invalidInput(first.message, ['task_spec', 'output_schema', 'json_schema', ...first.path]);
  for (const warning of check.warnings) {
    warnings.push({ type: 'spec_validation_warning', message: warning.message, detail: { path: warning.path } });
  }
  return { output: { kind: 'json', schema: jsonSchema }, taskSpec: value };
}

/** Reads `metadata` (runs and groups share the limits); 422 when invalid. */
export function readMetadata(value: unknown): Record<string, string | number | boolean> | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw invalidInput("Field 'metadata' must be an object", ['metadata']);
  const out: Record<string, string | number | boolean> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key.length > MAX_METADATA_KEY) {
      throw invalidInput(`Metadata key '${key}' is ${key.length} characters; the limit is ${MAX_METADATA_KEY}`, ['metadata', key]);
    }
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      throw invalidInput(`Metadata value of '${key}' must be a string, number or boolean`, ['metadata', key]);
    }
    if (String(item).length > MAX_METADATA_VALUE) {
      throw invalidInput(`Metadata value of '${key}' is ${String(item).length} characters; the limit is ${MAX_METADATA_VALUE}`, ['metadata', key]);
    }
    out[key] = item;
  }
  return out;
}

function readSourcePolicy(value: unknown): SourcePolicy {
  const policy: SourcePolicy = { includeDomains: [], excludeDomains: [], afterDate: undefined };
  if (value === undefined || value === null) return policy;
  if (!isRecord(value)) throw invalidInput("Field 'source_policy' must be an object", ['source_policy']);
  let domains = 0;
  for (const key of ['include_domains', 'exclude_domains'] as const) {
    const list = value[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || list.some((d) => typeof d !== 'string')) {
      throw invalidInput(`Field 'source_policy.${key}' must be a list of domains`, ['source_policy', key]);
    }
    domains += list.length;
    policy[key === 'include_domains' ? 'includeDomains' : 'excludeDomains'] = (list as string[]).map((d) => d.trim().toLowerCase()).filter(Boolean);
  }
  if (domains > MAX_POLICY_DOMAINS) {
    throw invalidInput(`source_policy lists ${domains} domains; the limit is ${MAX_POLICY_DOMAINS}`, ['source_policy']);
  }
  const after = value.after_date;
  if (after !== undefined && after !== null && (typeof after !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(after))) {
    throw invalidInput("Field 'source_policy.after_date' must be a date (YYYY-MM-DD)", ['source_policy', 'after_date']);
  }
  policy.afterDate = typeof after === 'string' ? after : undefined;
  return policy;
}

function readMcpServers(value: unknown): McpServer[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput("Field 'mcp_servers' must be a list", ['mcp_servers']);
  return value.map((server, i) => {
    if (!isRecord(server) || typeof server.name !== 'string' || server.name === '' || typeof server.url !== 'string' || !/^https?:\/\//.test(server.url)) {
      throw invalidInput(`mcp_servers[${i}] needs a name and an http(s) url`, ['mcp_servers', i]);
    }
    if (server.type !== undefined && server.type !== 'url') throw invalidInput(`mcp_servers[${i}].type must be 'url'`, ['mcp_servers', i, 'type']);
    const allowed = Array.isArray(server.allowed_tools) ? server.allowed_tools.filter((t): t is string => typeof t === 'string') : undefined;
    return { name: server.name, url: server.url, allowedTools: allowed };
  });
}
