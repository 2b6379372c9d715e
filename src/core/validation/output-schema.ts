/**
 * Checks a JSON output schema against Parallel's documented rules (parallel-task-api.md §4) before
 * anything is sent: errors block submission, warnings are shown.
 */

import { t } from './words.js';

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

/** Validates a parsed JSON schema. Messages are in the language of the render in progress (English outside one). */
export function checkOutputSchema(schema: unknown): SchemaReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isObject(schema)) return { errors: [t('validation.schema.notObject')], warnings };
  if (schema.type !== 'object') errors.push(t('validation.schema.rootType'));
  if (!isObject(schema.properties) || Object.keys(schema.properties).length === 0) errors.push(t('validation.schema.rootProperties'));
  if ('anyOf' in schema) errors.push(t('validation.schema.rootAnyOf'));

  let properties = 0;
  let enumValues = 0;
  let deepest = 0;
  const unsupported = new Set<string>();

  const where = (path: string) => path || t('validation.schema.root');
  const visit = (node: unknown, path: string, depth: number): void => {
    if (!isObject(node)) return;
    deepest = Math.max(deepest, depth);
    for (const key of Object.keys(node)) if (UNSUPPORTED.has(key)) unsupported.add(t('validation.schema.keywordAt', { keyword: key, path: where(path) }));
    if (Array.isArray(node.enum)) enumValues += node.enum.length;
    if (isObject(node.properties)) {
      const names = Object.keys(node.properties);
      properties += names.length;
      const required = Array.isArray(node.required) ? node.required : [];
      const missing = names.filter((name) => !required.includes(name));
      if (missing.length) warnings.push(t('validation.schema.required', { fields: missing.join(', '), path: where(path) }));
      if (node.additionalProperties !== false) warnings.push(t('validation.schema.additionalProperties', { path: where(path) }));
      for (const name of names) {
        if (BASIS_NAMES.has(name.toLowerCase())) warnings.push(t('validation.schema.basisName', { name }));
        visit(node.properties[name], path ? `${path}.${name}` : name, depth + 1);
      }
    }
    if (node.items !== undefined) visit(node.items, `${path}[]`, depth + 1);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (Array.isArray(node[key])) (node[key] as unknown[]).forEach((sub) => visit(sub, path, depth));
    }
  };
  visit(schema, '', 0);

  if (deepest > MAX_SCHEMA_DEPTH) errors.push(t('validation.schema.depth', { depth: deepest, max: MAX_SCHEMA_DEPTH }));
  if (properties > MAX_SCHEMA_PROPERTIES) errors.push(t('validation.schema.properties', { count: properties, max: MAX_SCHEMA_PROPERTIES }));
  if (enumValues > MAX_ENUM_VALUES) errors.push(t('validation.schema.enums', { count: enumValues, max: MAX_ENUM_VALUES }));
  if (unsupported.size) errors.push(t('validation.schema.unsupported', { keywords: [...unsupported].join(', ') }));
  return { errors, warnings };
}
