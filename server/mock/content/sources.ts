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

/** Which sources a run may use (Parallel's `source_policy`); empty lists restrict nothing. */
export interface SourceFilter {
  /** Plain domains (`example.com`, subdomains included) or bare suffixes (`.gov`, `.co.uk`). */
  includeDomains?: readonly string[];
  excludeDomains?: readonly string[];
  /** `YYYY-MM-DD`: only pages published on or after it. */
  afterDate?: string;
}

/** True if `host` is `domain` or under it; a bare suffix (`.gov`) matches any host ending in it. */
export function hostMatches(host: string, domain: string): boolean {
  const d = domain.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const h = host.toLowerCase();
  return d.startsWith('.') ? h.endsWith(d) : h === d || h.endsWith(`.${d}`);
}

/** Real-looking hosts for common bare suffixes, so a `.gov` run cites `.gov` pages. */
const HOSTS_BY_SUFFIX: Record<string, readonly string[]> = {
  '.gov': ['www.census.gov', 'www.energy.gov', 'www.bls.gov', 'www.nasa.gov', 'data.gov', 'www.transportation.gov'],
  '.edu': ['news.mit.edu', 'www.stanford.edu', 'www.harvard.edu', 'www.berkeley.edu', 'www.cmu.edu'],
  '.org': ['www.oecd.org', 'en.wikipedia.org', 'www.pewresearch.org', 'www.rand.org'],
  '.ch': ['www.admin.ch', 'www.bfs.admin.ch', 'www.stadt-zuerich.ch', 'www.geneve.ch'],
  '.int': ['www.who.int', 'www.iea.int', 'www.itu.int'],
};

/** A page on one of the allowed domains. */
function allowedPage(rng: Rng, topic: string, domain: string, date: string): { url: string; title: string } {
  const bare = domain.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const candidates = bare.startsWith('.') ? (HOSTS_BY_SUFFIX[bare] ?? [`www.${slugify(topic)}${bare}`]) : [`www.${bare.replace(/^www\./, '')}`];
  const host = rng.pick(candidates.filter((h) => hostMatches(h, bare)).length > 0 ? candidates.filter((h) => hostMatches(h, bare)) : [`www.${slugify(topic)}${bare.startsWith('.') ? bare : `.${bare}`}`]);
  const path = rng.pick(['reports', 'news', 'research', 'data', 'publications']);
  return { url: `https://${host}/${path}/${date.slice(0, 4)}/${slugify(topic)}`, title: `${capitalize(topic)}: ${rng.pick(['facts and figures', 'annual report', 'an overview', 'what changed'])} | ${host.replace(/^www\./, '')}` };
}

function dateOnOrAfter(rng: Rng, after: string | undefined): string {
  const date = recentDate(rng);
  if (!after || date >= after) return date;
  const start = Date.parse(`${after}T00:00:00Z`);
  return new Date(start + rng.int(0, 300) * 86_400_000).toISOString().slice(0, 10);
}

/** `count` distinct sources about the topic (URLs never repeat within one call), following `filter`. */
export function makeSources(rng: Rng, topic: string, count: number, filter: SourceFilter = {}): Source[] {
  const include = filter.includeDomains ?? [];
  const exclude = filter.excludeDomains ?? [];
  const out: Source[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; out.length < count && attempt < count * 8; attempt++) {
    const published = dateOnOrAfter(rng, filter.afterDate);
    const { url, title } = include.length > 0 ? allowedPage(rng, topic, rng.pick(include), published) : rng.pick(TEMPLATES)(rng, topic, published);
    const domain = new URL(url).hostname;
    if (seen.has(url) || exclude.some((d) => hostMatches(domain, d))) continue;
    if (include.length > 0 && !include.some((d) => hostMatches(domain, d))) continue;
    seen.add(url);
    out.push({ url, title, domain, excerpt: sentence(rng, topic), published });
  }
  // Fill up with numbered pages of one allowed site if the templates ran out of distinct URLs.
  const base = out[0]?.url.replace(/\/[^/]*$/, '') ?? 'https://news.example.org/articles';
  while (out.length < count) {
    const n = out.length;
    const url = `${base}/${slugify(topic)}-${n}`;
    out.push({ url, title: `${capitalize(topic)} (part ${n})`, domain: new URL(url).hostname, excerpt: sentence(rng, topic), published: dateOnOrAfter(rng, filter.afterDate) });
  }
  return out;
}
