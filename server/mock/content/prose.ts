/**
 * Plausible research prose for the mock: a topic phrase from the task input, and sentences,
 * headlines and findings built from templates. Deterministic for a given {@link Rng}.
 */
import type { Rng } from '../rng.js';

const ORGS = ['the OECD', 'the World Bank', 'Reuters', 'the Financial Times', 'Statista', 'Gartner', 'the IEA', 'McKinsey', 'Pew Research', 'the BBC'];
const FACTORS = [
  'regulatory changes', 'falling hardware costs', 'consolidation among the largest players', 'rising consumer demand',
  'supply-chain constraints', 'new public funding', 'competition from new entrants', 'shifts in interest rates',
  'open-source alternatives', 'energy prices',
];
const ASPECTS = ['history', 'market size', 'key players', 'recent news', 'regulation', 'outlook', 'criticism', 'statistics', 'timeline', 'technology'];
const VERBS = ['grew', 'expanded', 'stabilised', 'declined slightly', 'accelerated', 'recovered'];

/** A short topic phrase from a task input (string or JSON object). */
export function topicOf(input: unknown): string {
  let text = '';
  if (typeof input === 'string') text = input;
  else if (typeof input === 'object' && input !== null) {
    text = Object.values(input as Record<string, unknown>)
      .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      .slice(0, 3)
      .join(' ');
  }
  const words = text
    .replace(/[\r\n\t]+/g, ' ')
    .split(/[.?!]\s/)[0]!
    .replace(/^(please\s+|can you\s+|could you\s+)?(what|who|which|how|why|when|where|find( out)?|research|tell me|give me|list|summari[sz]e|describe|explain|compare|analy[sz]e|investigate|look into|write about)\b(\s+(is|are|was|were|about|the|a|an|me|of|on)\b)*/i, '')
    .replace(/[?!.:;,]+$/g, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8);
  return words.length > 0 ? words.join(' ') : 'the requested topic';
}

/** Upper-cases the first letter. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A URL-safe slug of a phrase. */
export function slugify(text: string, separator = '-'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
  return slug.slice(0, 60) || 'topic';
}

/** A search-angle on the topic, e.g. "market size". */
export function aspect(rng: Rng): string {
  return rng.pick(ASPECTS);
}

/** One factual-sounding sentence about the topic. */
export function sentence(rng: Rng, topic: string): string {
  const year = rng.int(2018, 2025);
  const pct = rng.int(5, 78);
  const templates = [
    () => `Interest in ${topic} ${rng.pick(VERBS)} between ${year - 3} and ${year}, with analysts citing ${rng.pick(FACTORS)} as the main driver.`,
    () => `According to ${rng.pick(ORGS)}, about ${pct}% of the ${year} coverage of ${topic} dealt with ${rng.pick(FACTORS)}.`,
    () => `Recent reporting identifies ${rng.pick(FACTORS)} as the largest open question for ${topic}.`,
    () => `Primary sources agree on the basic facts about ${topic}, but estimates differ by up to ${rng.int(8, 35)}%.`,
    () => `A ${year} review by ${rng.pick(ORGS)} found that ${rng.pick(FACTORS)} shaped most decisions about ${topic}.`,
    () => `Official filings from ${year} describe ${topic} in more detail than press coverage does.`,
  ];
  return rng.pick(templates)();
}

/** A few sentences joined into a paragraph. */
export function paragraph(rng: Rng, topic: string, sentences = 3): string {
  return Array.from({ length: sentences }, () => sentence(rng, topic)).join(' ');
}

/** A news-style headline about the topic. */
export function headline(rng: Rng, topic: string): string {
  const t = capitalize(topic);
  return rng.pick([
    `${t}: what we know so far`,
    `${t} at a glance`,
    `How ${topic} changed in ${rng.int(2019, 2025)}`,
    `${t} — key facts and figures`,
    `The state of ${topic}`,
    `Inside ${topic}: an explainer`,
  ]);
}

/** A short finding, e.g. for a bullet list or a JSON string field. */
export function finding(rng: Rng, topic: string): string {
  return rng.pick([
    `${capitalize(rng.pick(FACTORS))} is the main driver of change in ${topic}`,
    `Estimates for ${topic} vary widely between sources`,
    `Interest in ${topic} ${rng.pick(VERBS)} over the last ${rng.int(2, 6)} years`,
    `Regulators have paid closer attention to ${topic} since ${rng.int(2019, 2024)}`,
    `About ${rng.int(30, 70)}% of the sources on ${topic} rely on the same few official figures`,
  ]);
}

/** A factor phrase (used by messages and reasoning). */
export function factor(rng: Rng): string {
  return rng.pick(FACTORS);
}

/** An organisation name (used by messages and reasoning). */
export function organisation(rng: Rng): string {
  return rng.pick(ORGS);
}
