/**
 * JSON content that follows a requested JSON schema: objects get every listed property, arrays
 * two or three items, enums one of their values, nullable unions their non-null type, local
 * `$ref`s are resolved; string and number values are chosen from the field name so the result
 * reads like research (a `website` is a URL, a `founded_year` a year, a `summary` sentences).
 */
import { decodePathSegment, isRecord } from '../http-util.js';
import type { Rng } from '../rng.js';
import { capitalize, finding, paragraph, sentence } from '../content/prose.js';
import type { Source } from '../content/sources.js';

/** What the generators need to know about the run. */
export interface JsonContext {
  rng: Rng;
  topic: string;
  sources: readonly Source[];
  /** Items per array (processor detail). */
  arrayItems: number;
}

type Schema = Record<string, unknown>;

const COUNTRIES = ['United States', 'Germany', 'Japan', 'Switzerland', 'India', 'Brazil', 'Canada', 'France', 'South Korea', 'Kenya'];
const PEOPLE = ['Maria Chen', 'David Okafor', 'Sofia Rossi', 'Kenji Watanabe', 'Amara Singh', 'Lukas Weber', 'Elena Petrova'];

/** A value for `schema` (the root call passes the whole json_schema). */
export function valueForSchema(schema: unknown, ctx: JsonContext, fieldName = '', root: Schema = isRecord(schema) ? schema : {}, depth = 0): unknown {
  const node = resolve(schema, root);
  if (!isRecord(node) || depth > 12) return null;
  if (Array.isArray(node.enum) && node.enum.length > 0) return ctx.rng.pick(node.enum);
  if ('const' in node) return node.const;
  const union = (Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined) as unknown[] | undefined;
  if (union && union.length > 0) {
    const option = union.find((o) => !(isRecord(o) && o.type === 'null')) ?? union[0];
    return valueForSchema(option, ctx, fieldName, root, depth + 1);
  }
  const type = pickType(node);
  switch (type) {
    case 'object':
      return objectValue(node, ctx, root, depth);
    case 'array':
      return Array.from({ length: ctx.arrayItems }, () => valueForSchema(node.items ?? { type: 'string' }, ctx, singular(fieldName), root, depth + 1));
    case 'integer':
      return Math.round(numberFor(fieldName, ctx.rng));
    case 'number':
      return numberFor(fieldName, ctx.rng);
    case 'boolean':
      return ctx.rng.chance(0.6);
    case 'null':
      return null;
    default:
      return stringFor(fieldName, typeof node.description === 'string' ? node.description : '', ctx);
  }
}

function objectValue(node: Schema, ctx: JsonContext, root: Schema, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = isRecord(node.properties) ? node.properties : {};
  for (const [name, child] of Object.entries(properties)) out[name] = valueForSchema(child, ctx, name, root, depth + 1);
  return out;
}

function resolve(schema: unknown, root: Schema): unknown {
  let node = schema;
  for (let hops = 0; isRecord(node) && typeof node.$ref === 'string' && hops < 8; hops++) {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(node.$ref);
    const defs = match ? root[match[1] as string] : undefined;
    node = match && isRecord(defs) ? defs[decodePathSegment(match[2] as string) ?? ''] : undefined;
  }
  return node;
}

function pickType(node: Schema): string {
  const type = node.type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  if (typeof type === 'string') return type;
  if (isRecord(node.properties)) return 'object';
  if (node.items !== undefined) return 'array';
  return 'string';
}

function singular(name: string): string {
  return name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.endsWith('s') ? name.slice(0, -1) : name;
}

function numberFor(name: string, rng: Rng): number {
  const n = name.toLowerCase();
  if (/year|founded|established/.test(n)) return rng.int(1950, 2024);
  if (/percent|pct|share|rate|ratio|growth|cagr/.test(n)) return Math.round(rng.float(0.5, 65) * 10) / 10;
  if (/revenue|valuation|price|amount|cost|funding|market_size|usd|income|salary/.test(n)) return Math.round(rng.float(1.2, 950) * 100) / 100;
  if (/employee|headcount|population|users|customers/.test(n)) return rng.int(40, 250_000);
  if (/score|rating|confidence/.test(n)) return Math.round(rng.float(1, 10) * 10) / 10;
  if (/count|number|num|total|quantity/.test(n)) return rng.int(1, 480);
  return Math.round(rng.float(1, 1000) * 10) / 10;
}

function stringFor(name: string, description: string, ctx: JsonContext): string {
  const { rng, topic } = ctx;
  const n = name.toLowerCase();
  const source = rng.pick(ctx.sources);
  if (/url|website|link|homepage|source/.test(n)) return source.url;
  if (/email/.test(n)) return `press@${source.domain.replace(/^www\./, '')}`;
  if (/date|_at$|updated|published|deadline/.test(n)) return source.published;
  if (/year/.test(n)) return String(rng.int(1990, 2025));
  if (/country|nation/.test(n)) return rng.pick(COUNTRIES);
  if (/city|headquarter|location|hq/.test(n)) return rng.pick(['Zürich', 'San Francisco', 'Berlin', 'Tokyo', 'London', 'Bangalore', 'São Paulo']);
  if (/ceo|founder|people|person|author|executive|leader|contact|member/.test(n)) return rng.pick(PEOPLE);
  if (/ticker|symbol/.test(n)) return topic.replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase() || 'TCKR';
  if (/summary|description|overview|analysis|explanation|details|answer|report|context/.test(n) || description.length > 60) {
    return paragraph(rng, topic, n === 'summary' ? 3 : 2);
  }
  if (/finding|trend|risk|development|point|insight|highlight|takeaway|opportunit/.test(n)) return finding(rng, topic);
  if (/name|title|company|organi[sz]ation|entity|product/.test(n)) return capitalize(topic.split(' ').slice(0, 3).join(' '));
  if (/status|stage|category|type|sector|industry/.test(n)) return rng.pick(['Active', 'Growth stage', 'Established', 'Emerging', 'Regulated']);
  return sentence(rng, topic).replace(/\.$/, '');
}
