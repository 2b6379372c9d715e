/**
 * Markdown rendering loaded on first use. The lexer (`marked`) is ~15 kB gzip and only finished text
 * outputs need it, so it is not part of what a page loads up front: the first call starts
 * `import('./markdown.js')` (a chunk beside the bundle, resolved relative to it, so CDN use keeps
 * working) and shows the text as plain, wrapped text until it arrives; later calls render at once.
 * If the chunk cannot load (offline, a CDN missing the file) the plain text stays: nothing is lost.
 */
import { html, type TemplateResult } from 'lit';
import { until } from 'lit/directives/until.js';
import { l10n, withLocalizer } from '../../core/i18n/scope.js';

type MarkdownModule = typeof import('./markdown.js');

let loaded: MarkdownModule | undefined;
let loading: Promise<MarkdownModule> | undefined;

/** Starts (once) loading the markdown renderer; resolves with it. */
export function loadMarkdown(): Promise<MarkdownModule> {
  loading ??= import('./markdown.js').then((module) => (loaded = module));
  return loading;
}

const plain = (text: string): TemplateResult => html`<div class="markdown plain"><p style="white-space: pre-wrap">${text}</p></div>`;

/**
 * Characters and line starts that can mean markdown (emphasis, code, links and autolinks, HTML and
 * entities, headings, tables, lists, quotes, rules, indented code, hard breaks): text with none of
 * them is paragraphs of prose, which marked would render as `<p>` elements of the same text.
 */
const MARKUP = /[\\`*_[\]<>#|~&=!:@\t]|www\.|^ |^[-+]|^\d+[.)]| $/m;

/**
 * Prose (see {@link MARKUP}) as marked would render it, paragraph by paragraph, without loading or
 * running marked: a finished run's one-line answer ("Done.") paints without the markdown chunk, and
 * without the 40–80 ms marked takes to compile its patterns on first use (issue 10, reload paint).
 */
function prose(text: string): TemplateResult | undefined {
  if (text.length > 4_000 || MARKUP.test(text)) return undefined;
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return html`<div class="markdown">${paragraphs.map((p) => html`<p>${p}</p>`)}</div>`;
}

/** `renderMarkdown(text)` once the renderer is loaded; until then (or if it fails) the plain text. */
export function renderMarkdownLazily(text: string): TemplateResult | ReturnType<typeof until> {
  const simple = typeof text === 'string' ? prose(text) : undefined;
  if (simple) return simple;
  if (loaded) return loaded.renderMarkdown(text);
  const fallback = plain(text);
  // Rendered when the chunk arrives, after this render: in the language of this render.
  const localizer = l10n();
  return until(loadMarkdown().then((module) => withLocalizer(localizer, () => module.renderMarkdown(text)), () => fallback), fallback);
}
