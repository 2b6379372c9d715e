/**
 * Research basis for Parallel outputs (parallel-task-api.md §6): one {@link FieldBasis} per
 * top-level field, plus dot-notation entries for nested fields and array elements where the API
 * gives them (auto runs: every nested field; `field-basis-2025-11-25`: array elements), and one
 * `output` entry for text runs. Citations carry `excerpts` as an array.
 */
import { isRecord } from '../http-util.js';
import type { Rng } from '../rng.js';
import { factor, organisation } from '../content/prose.js';
import type { Source } from '../content/sources.js';

/** SDK `Citation`: `title` and `excerpts` may be null ("only certain processors provide excerpts"). */
export interface Citation {
  title: string | null;
  url: string;
  excerpts: string[] | null;
}

/** SDK `FieldBasis`: `confidence` may be null ("only certain processors provide confidence levels"). */
export interface FieldBasis {
  field: string;
  reasoning: string;
  citations: Citation[];
  confidence: 'low' | 'medium' | 'high' | null;
}

/** Share of citations without a title, without excerpts, and of basis entries without confidence. */
export const NULL_SHARE = 0.15;

/** An excerpt as the API quotes pages: markdown kept (`**bold**`), as on the page. */
export function markdownExcerpt(rng: Rng, sentence: string): string {
  const words = sentence.split(' ');
  if (words.length < 4) return sentence;
  const at = rng.int(0, words.length - 3);
  return [...words.slice(0, at), `**${words.slice(at, at + 2).join(' ')}**`, ...words.slice(at + 2)].join(' ');
}

/** Which extra (dot-notation) entries to produce. */
export interface BasisDepth {
  /** Nested object fields (`a.b`) and fields of array elements (`list.0.name`). */
  nested: boolean;
  /** Array elements (`list.0`). */
  arrayElements: boolean;
}

/** Citations from 1–3 sources, each with one or two excerpts. */
export function citationsFrom(rng: Rng, sources: readonly Source[], max = 3): Citation[] {
  return rng.sample(sources, rng.int(1, Math.min(max, sources.length))).map((s) => {
    const excerpts = rng.chance(0.4) ? [markdownExcerpt(rng, s.excerpt), `${s.title.split(' | ')[0]} was last updated on ${s.published}.`] : [markdownExcerpt(rng, s.excerpt)];
    return {
      title: rng.chance(NULL_SHARE) ? null : s.title,
      url: s.url,
      excerpts: rng.chance(NULL_SHARE) ? null : excerpts,
    };
  });
}

/** One basis entry for a field. */
export function basisEntry(rng: Rng, field: string, sources: readonly Source[]): FieldBasis {
  const citations = citationsFrom(rng, sources);
  const confidence = rng.pick(['high', 'high', 'medium', 'medium', 'low'] as const);
  const reasoning = rng.pick([
    `The value for ${field} is stated directly in ${citations.length > 1 ? 'several independent sources' : 'the cited source'}.`,
    `Figures for ${field} come from ${organisation(rng)}; other sources agree within a few percent.`,
    `Sources disagree on ${field}; the most recent primary source was preferred, noting ${factor(rng)}.`,
    `${field} was inferred from press coverage because no primary source states it directly.`,
  ]);
  if (rng.chance(NULL_SHARE)) return { field, reasoning, citations, confidence: null };
  return { field, reasoning, citations, confidence: confidence === 'low' && citations.length > 1 ? 'medium' : confidence };
}

/** Basis for JSON content. */
export function basisForJson(rng: Rng, content: Record<string, unknown>, sources: readonly Source[], depth: BasisDepth): FieldBasis[] {
  const out: FieldBasis[] = [];
  for (const [key, value] of Object.entries(content)) {
    out.push(basisEntry(rng, key, sources));
    if (depth.nested || depth.arrayElements) visit(rng, key, value, sources, depth, out);
  }
  return out;
}

function visit(rng: Rng, path: string, value: unknown, sources: readonly Source[], depth: BasisDepth, out: FieldBasis[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push(basisEntry(rng, `${path}.${i}`, sources));
      if (depth.nested) visit(rng, `${path}.${i}`, item, sources, depth, out);
    });
  } else if (isRecord(value) && depth.nested) {
    for (const [key, child] of Object.entries(value)) {
      out.push(basisEntry(rng, `${path}.${key}`, sources));
      visit(rng, `${path}.${key}`, child, sources, depth, out);
    }
  }
}
