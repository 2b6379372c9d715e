/**
 * Checks a JSON output schema against Parallel's documented rules (parallel-task-api.md §4) before
 * anything is sent: errors block submission, warnings are shown.
 */

export interface SchemaReport {
  errors: string[];
  warnings: string[];
}

const UNSUPPORTED = new Set([
  'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minItems', 'maxItems', 'minProperties', 'maxProperties', 'uniqueItems', 'contains', 'multipleOf',
  'propertyNames', 'patternProperties', 'unevaluatedProperties', 'unevaluatedItems', 'minContains', 'maxContains',
]);
const BASIS_NAMES = new Set(['citations', 'reasoning', 'sources', 'confidence']);
export const MAX_SCHEMA_DEPTH = 5;
export const MAX_SCHEMA_PROPERTIES = 100;
export const MAX_ENUM_VALUES = 500;

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed JSON schema. */
export function checkOutputSchema(schema: unknown): SchemaReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isObject(schema)) return { errors: ['The schema must be a JSON object.'], warnings };
  if (schema.type !== 'object') errors.push('The root must have "type": "object".');
  if (!isObject(schema.properties) || Object.keys(schema.properties).length === 0) errors.push('The root must list its fields in "properties".');
  if ('anyOf' in schema) errors.push('"anyOf" is not allowed at the root.');

  let properties = 0;
  let enumValues = 0;
  let deepest = 0;
  const unsupported = new Set<string>();

  const visit = (node: unknown, path: string, depth: number): void => {
    if (!isObject(node)) return;
    deepest = Math.max(deepest, depth);
    for (const key of Object.keys(node)) if (UNSUPPORTED.has(key)) unsupported.add(`${key} (at ${path || 'root'})`);
    if (Array.isArray(node.enum)) enumValues += node.enum.length;
    if (isObject(node.properties)) {
      const names = Object.keys(node.properties);
      properties += names.length;
      const required = Array.isArray(node.required) ? node.required : [];
      const missing = names.filter((name) => !required.includes(name));
      if (missing.length) warnings.push(`List every field in "required" (make one optional with ["string","null"]): ${missing.join(', ')} at ${path || 'root'}.`);
      if (node.additionalProperties !== false) warnings.push(`Set "additionalProperties": false at ${path || 'root'}.`);
      for (const name of names) {
        if (BASIS_NAMES.has(name.toLowerCase())) warnings.push(`The field name "${name}" clashes with the basis Parallel adds; rename it.`);
        visit(node.properties[name], path ? `${path}.${name}` : name, depth + 1);
      }
    }
    if (node.items !== undefined) visit(node.items, `${path}[]`, depth + 1);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (Array.isArray(node[key])) (node[key] as unknown[]).forEach((sub) => visit(sub, path, depth));
    }
  };
  visit(schema, '', 0);

  if (deepest > MAX_SCHEMA_DEPTH) errors.push(`Nesting is ${deepest} levels deep; at most ${MAX_SCHEMA_DEPTH} are allowed.`);
  if (properties > MAX_SCHEMA_PROPERTIES) errors.push(`The schema has ${properties} properties; at most ${MAX_SCHEMA_PROPERTIES} are allowed.`);
  if (enumValues > MAX_ENUM_VALUES) errors.push(`The schema has ${enumValues} enum values; at most ${MAX_ENUM_VALUES} are allowed.`);
  if (unsupported.size) errors.push(`Unsupported keywords: ${[...unsupported].join(', ')}.`);
  return { errors, warnings };
}
