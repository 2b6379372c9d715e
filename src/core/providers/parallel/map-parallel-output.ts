/**
 * Maps Parallel's `output` (final state event, `/result`) to {@link TaskOutput}. `content` may be
 * an object or a JSON-encoded string (both appear in Parallel's docs); citations carry `excerpts[]`.
 */
import { asArray, asObject, asString, asStrings, parseJson } from '../../util/read.js';
import type { Citation, FieldBasis, TaskOutput } from '../task-event.js';

const CONFIDENCE = new Set(['low', 'medium', 'high']);

export function mapParallelOutput(value: unknown): TaskOutput | undefined {
  const wire = asObject(value);
  if (!wire) return undefined;
  const basis = asArray(wire.basis).map(mapBasis).filter((b): b is FieldBasis => b !== undefined);
  if (wire.type === 'text') {
    const content = asString(wire.content) ?? (wire.content == null ? '' : JSON.stringify(wire.content));
    return { type: 'text', content, basis };
  }
  let content = wire.content;
  if (typeof content === 'string') {
    const parsed = parseJson(content);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) content = parsed.value;
    else return { type: 'text', content, basis };
  }
  const output: TaskOutput = { type: 'json', content: content ?? {}, basis };
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
