/**
 * Realistic web sources (URL, title, excerpt, date) about a topic, shared by both API halves for
 * citations, stats samples and tool observations.
 */
import type { Rng } from '../rng.js';
import { capitalize, headline, sentence, slugify } from './prose.js';

/** One web page the mock pretends to have read. */
export interface Source {
  url: string;
  title: string;
  domain: string;
  /** One sentence quoted from the page. */
  excerpt: string;
  /** `YYYY-MM-DD`. */
  published: string;
}

type SourceTemplate = (rng: Rng, topic: string, date: string) => { url: string; title: string };

const TEMPLATES: readonly SourceTemplate[] = [
  (_rng, topic) => ({
    url: `https://en.wikipedia.org/wiki/${encodeURIComponent(capitalize(topic).replace(/\s+/g, '_'))}`,
    title: `${capitalize(topic)} - Wikipedia`,
  }),
  (rng, topic, date) => ({
    url: `https://www.reuters.com/business/${slugify(topic)}-${date}/`,
    title: `${headline(rng, topic)} | Reuters`,
  }),
  (rng, topic) => ({
    url: `https://www.britannica.com/topic/${slugify(topic)}`,
    title: `${capitalize(topic)} | Britannica`,
  }),
  (rng, topic) => ({
    url: `https://arxiv.org/abs/${rng.int(2001, 2512)}.${rng.int(10000, 19999)}`,
    title: `A survey of ${topic}`,
  }),
  (rng, topic) => ({
    url: `https://www.statista.com/statistics/${rng.int(100000, 1500000)}/${slugify(topic)}/`,
    title: `${capitalize(topic)}: statistics and facts | Statista`,
  }),
  (rng, topic, date) => ({
    url: `https://www.bbc.com/news/articles/c${rng.hex(10)}`,
    title: `${headline(rng, topic)} - BBC News`,
  }),
  (rng, topic) => ({
    url: `https://www.oecd.org/en/topics/${slugify(topic)}.html`,
    title: `${capitalize(topic)} | OECD`,
  }),
  (rng, topic, date) => ({
    url: `https://www.ft.com/content/${rng.uuid()}`,
    title: `${headline(rng, topic)} | Financial Times`,
  }),
  (rng, topic) => ({
    url: `https://data.worldbank.org/indicator/${slugify(topic).toUpperCase().slice(0, 12)}.${rng.int(10, 99)}`,
    title: `${capitalize(topic)} | Data`,
  }),
  (rng, topic, date) => ({
    url: `https://techcrunch.com/${date.replace(/-/g, '/')}/${slugify(topic)}/`,
    title: `${headline(rng, topic)} | TechCrunch`,
  }),
  (rng, topic) => ({
    url: `https://github.com/${slugify(topic)}/${slugify(topic)}`,
    title: `GitHub - ${slugify(topic)}: ${capitalize(topic)}`,
  }),
  (rng, topic) => ({
    url: `https://www.gov.uk/government/publications/${slugify(topic)}`,
    title: `${capitalize(topic)} - GOV.UK`,
  }),
];

/** A date in the last few years, `YYYY-MM-DD`. */
export function recentDate(rng: Rng): string {
  const y = rng.int(2021, 2025);
  const m = String(rng.int(1, 12)).padStart(2, '0');
  const d = String(rng.int(1, 28)).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** `count` distinct sources about the topic (URLs never repeat within one call). */
export function makeSources(rng: Rng, topic: string, count: number): Source[] {
  const out: Source[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; out.length < count && attempt < count * 4; attempt++) {
    const published = recentDate(rng);
    const { url, title } = rng.pick(TEMPLATES)(rng, topic, published);
    if (seen.has(url)) continue;
    seen.add(url);
    out.push({ url, title, domain: new URL(url).hostname, excerpt: sentence(rng, topic), published });
  }
  // Fill up with numbered pages of one site if the templates ran out of distinct URLs.
  while (out.length < count) {
    const n = out.length;
    const published = recentDate(rng);
    out.push({
      url: `https://news.example.org/${slugify(topic)}/${n}`,
      title: `${capitalize(topic)} (part ${n})`,
      domain: 'news.example.org',
      excerpt: sentence(rng, topic),
      published,
    });
  }
  return out;
}
