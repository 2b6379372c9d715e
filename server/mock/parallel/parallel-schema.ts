/**
 * The documented rules for a JSON output schema (parallel-task-api.md §4, from the docs' "specify
 * a task" guide). Errors make create fail with 422; warnings are returned in the run's `warnings`.
 *
 * Nesting is counted in object levels: the root's properties are level 1, the properties of an
 * object (or of an array's object items) inside a level-N property are level N+1.
 */
import { isRecord } from '../http-util.js';

/** Rules from the docs. */
export const SCHEMA_LIMITS = { maxDepth: 5, maxProperties: 100, maxEnumValues: 500 } as const;

const UNSUPPORTED = new Set([
  'format', 'pattern', 'uniqueItems', 'contains', 'multipleOf', 'propertyNames', 'patternProperties',
]);
/** `min*`, `max*` and `unevaluated*` keywords are unsupported as families. */
const UNSUPPORTED_FAMILY = /^(min|max|unevaluated)[A-Z]/;
/** Field names the docs warn about (basis carries them instead). */
const RESERVED_FIELDS = new Set(['citations', 'reasoning', 'sources', 'confidence']);

/** One schema problem, located by a JSON path inside `json_schema`. */
export interface SchemaIssue {
  path: string[];
  message: string;
}

/** Result of {@link checkOutputSchema}. */
export interface SchemaCheck {
  errors: SchemaIssue[];
  warnings: SchemaIssue[];
}

/** Checks a `json_schema` against the documented rules. */
export function checkOutputSchema(schema: unknown): SchemaCheck {
  const result: SchemaCheck = { errors: [], warnings: [] };
  if (!isRecord(schema) || schema.type !== 'object' || !isRecord(schema.properties) || Object.keys(schema.properties).length === 0) {
    result.errors.push({ path: [], message: "The root of the output schema must be of type 'object' with non-empty 'properties'" });
    return result;
  }
  if ('anyOf' in schema || 'oneOf' in schema) {
    result.errors.push({ path: [], message: 'anyOf/oneOf is not supported at the root of the output schema' });
  }
  const totals = { properties: 0, enumValues: 0, depthReported: false };
  walk(schema, [], 1, totals, result);
  if (totals.properties > SCHEMA_LIMITS.maxProperties) {
    result.errors.push({ path: [], message: `The output schema has ${totals.properties} properties; the limit is ${SCHEMA_LIMITS.maxProperties}` });
  }
  if (totals.enumValues > SCHEMA_LIMITS.maxEnumValues) {
    result.errors.push({ path: [], message: `The output schema has ${totals.enumValues} enum values; the limit is ${SCHEMA_LIMITS.maxEnumValues}` });
  }
  return result;
}

interface Totals {
  properties: number;
  enumValues: number;
  depthReported: boolean;
}

/** Visits one schema node whose own properties would sit at nesting `level`. */
function walk(node: unknown, path: string[], level: number, totals: Totals, result: SchemaCheck): void {
  if (typeof node === 'boolean') return;
  if (!isRecord(node)) {
    result.errors.push({ path, message: `Invalid schema at ${display(path)}: expected an object` });
    return;
  }
  for (const key of Object.keys(node)) {
    if (UNSUPPORTED.has(key) || UNSUPPORTED_FAMILY.test(key)) {
      result.errors.push({ path: [...path, key], message: `Unsupported keyword '${key}' at ${display(path)}` });
    }
  }
  if (Array.isArray(node.enum)) totals.enumValues += node.enum.length;
  if (isRecord(node.properties)) {
    const names = Object.keys(node.properties);
    totals.properties += names.length;
    if (level > SCHEMA_LIMITS.maxDepth && !totals.depthReported) {
      totals.depthReported = true;
      result.errors.push({ path, message: `The output schema is nested ${level} levels deep at ${display(path)}; the limit is ${SCHEMA_LIMITS.maxDepth}` });
    }
    const required = Array.isArray(node.required) ? node.required : [];
    for (const name of names) {
      if (!required.includes(name)) {
        result.warnings.push({ path: [...path, name], message: `Field '${name}' is not listed in 'required'; list every field and use ["type","null"] for optional ones` });
      }
      if (RESERVED_FIELDS.has(name.toLowerCase())) {
        result.warnings.push({ path: [...path, name], message: `Field name '${name}' duplicates research basis; read citations and reasoning from the basis instead` });
      }
      walk(node.properties[name], [...path, 'properties', name], level + 1, totals, result);
    }
    if (node.additionalProperties !== false) {
      result.warnings.push({ path, message: `Object at ${display(path)} should set "additionalProperties": false` });
    }
  }
  if (node.items !== undefined) walk(node.items, [...path, 'items'], level, totals, result);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = node[key];
    if (Array.isArray(options)) options.forEach((option, i) => walk(option, [...path, key, String(i)], level, totals, result));
  }
  for (const key of ['$defs', 'definitions'] as const) {
    const defs = node[key];
    if (isRecord(defs)) for (const [name, def] of Object.entries(defs)) walk(def, [...path, key, name], level, totals, result);
  }
}

function display(path: string[]): string {
  return path.length === 0 ? 'the root' : `'${path.join('.')}'`;
}
