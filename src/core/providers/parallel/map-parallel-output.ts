/**
 * Maps Parallel's `output` (final state event, `/result`) to {@link TaskOutput}. `content` may be
 * an object or a JSON-encoded string (both appear in Parallel's docs); citations carry `excerpts[]`.
 */
import { asArray, asObject, asString, asStrings, parseJson } from '../../util/read.js';
import type { Citation, FieldBasis, McpToolCall, TaskOutput } from '../task-event.js';

const CONFIDENCE = new Set(['low', 'medium', 'high']);

export function mapParallelOutput(value: unknown): TaskOutput | undefined {
  const wire = asObject(value);
  if (!wire) return undefined;
  const basis = asArray(wire.basis).map(mapBasis).filter((b): b is FieldBasis => b !== undefined);
  const calls = mapMcpToolCalls(wire.mcp_tool_calls);
  const extra = calls.length ? { mcpToolCalls: calls } : {};
  if (wire.type === 'text') {
    const content = asString(wire.content) ?? (wire.content == null ? '' : JSON.stringify(wire.content));
    return { type: 'text', content, basis, ...extra };
  }
  let content = wire.content;
  if (typeof content === 'string') {
    const parsed = parseJson(content);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) content = parsed.value;
    else return { type: 'text', content, basis, ...extra };
  }
  const output: TaskOutput = { type: 'json', content: content ?? {}, basis, ...extra };
  if (wire.output_schema !== undefined && wire.output_schema !== null) output.schema = wire.output_schema;
  return output;
}

function mapBasis(value: unknown): FieldBasis | undefined {
  const wire = asObject(value);
  const field = asString(wire?.field);
  if (!wire || field === undefined) return undefined;
  const basis: FieldBasis = {
    field,
    citations: asArray(wire.citations).map(mapCitation).filter((c): c is Citation => c !== undefined),
  };
  const reasoning = asString(wire.reasoning);
  if (reasoning) basis.reasoning = reasoning;
  const confidence = asString(wire.confidence);
  if (confidence && CONFIDENCE.has(confidence)) basis.confidence = confidence as FieldBasis['confidence'];
  return basis;
}

function mapCitation(value: unknown): Citation | undefined {
  const wire = asObject(value);
  const url = asString(wire?.url);
  if (!wire || url === undefined) return undefined;
  const citation: Citation = { url, excerpts: asStrings(wire.excerpts) };
  const title = asString(wire.title);
  if (title) citation.title = title;
  return citation;
}

/** `output.mcp_tool_calls` (parallel-sdk `McpToolCall`: `{tool_call_id, server_name, tool_name, arguments, content?, error?}`). */
function mapMcpToolCalls(value: unknown): McpToolCall[] {
  return asArray(value).flatMap((item) => {
    const wire = asObject(item);
    const tool = asString(wire?.tool_name);
    if (!wire || !tool) return [];
    const call: McpToolCall = {
      id: asString(wire.tool_call_id) ?? '',
      server: asString(wire.server_name) ?? '',
      tool,
      arguments: asString(wire.arguments) ?? (wire.arguments == null ? '' : JSON.stringify(wire.arguments)),
    };
    const content = asString(wire.content);
    if (content) call.content = content;
    const error = asString(wire.error);
    if (error) call.error = error;
    return [call];
  });
}
