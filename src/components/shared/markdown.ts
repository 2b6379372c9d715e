/**
 * Markdown from the API rendered as Lit templates, never as an HTML string: `marked`'s lexer gives
 * tokens, and each token becomes a template whose text goes through Lit bindings. Raw HTML in the
 * markdown is shown as text; links are only made for http(s) URLs; images become links (no
 * request is made to load them).
 *
 * The work is bounded (issue 10 §4, limits in markdown-limits.ts): text that is too long, too
 * deeply nested or too dense in markup is shown as plain text with a note; a text over
 * {@link SYNC_CHARS} is lexed a slice of blocks at a time between tasks (plain text meanwhile), so
 * no task runs long; any failure shows the plain text with a note and stays inside the output.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { Lexer, type Token, type Tokens } from 'marked';
import { until } from 'lit/directives/until.js';
import { SHORT_CELL_CHARS } from './format.js';
import { renderLink } from './link.js';
import { planMarkdown, plainNote, type PlainReason } from './markdown-limits.js';

type Rendered = TemplateResult | string | typeof nothing;

const MAX_DEPTH = 24;

function inline(tokens: Token[] | undefined, depth: number): Rendered[] {
  return (tokens ?? []).map((token) => renderInline(token, depth + 1));
}

function renderInline(token: Token, depth: number): Rendered {
  if (depth > MAX_DEPTH) return 'raw' in token ? String(token.raw) : '';
  switch (token.type) {
    case 'strong':
      return html`<strong>${inline((token as Tokens.Strong).tokens, depth)}</strong>`;
    case 'em':
      return html`<em>${inline((token as Tokens.Em).tokens, depth)}</em>`;
    case 'del':
      return html`<del>${inline((token as Tokens.Del).tokens, depth)}</del>`;
    case 'codespan':
      return html`<code>${(token as Tokens.Codespan).text}</code>`;
    case 'br':
      return html`<br />`;
    case 'link': {
      const link = token as Tokens.Link;
      return renderLink(link.href, link.text);
    }
    case 'image': {
      const image = token as Tokens.Image;
      return renderLink(image.href, image.text || image.href);
    }
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens?.length ? html`${inline(text.tokens, depth)}` : text.text;
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    case 'html':
      return (token as Tokens.HTML).raw; // shown as text, never parsed
    default:
      return 'raw' in token ? String(token.raw) : '';
  }
}

function renderBlock(token: Token, depth: number, shift: number): Rendered {
  if (depth > MAX_DEPTH) return 'raw' in token ? String(token.raw) : '';
  switch (token.type) {
    case 'heading': {
      const heading = token as Tokens.Heading;
      const content = inline(heading.tokens, depth);
      // Headings inside the output start at level 3 so they nest under the element's own heading.
      switch (Math.min(6, heading.depth + shift)) {
        case 3: return html`<h3>${content}</h3>`;
        case 4: return html`<h4>${content}</h4>`;
        case 5: return html`<h5>${content}</h5>`;
        default: return html`<h6>${content}</h6>`;
      }
    }
    case 'paragraph':
      return html`<p>${inline((token as Tokens.Paragraph).tokens, depth)}</p>`;
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? html`${inline(text.tokens, depth)}` : text.text;
    }
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item) => html`<li>${item.task ? html`<input type="checkbox" disabled .checked=${!!item.checked} aria-label=${item.checked ? 'done' : 'not done'} /> ` : nothing}${blocks(item.tokens, depth, shift)}</li>`);
      return list.ordered ? html`<ol start=${list.start || 1}>${items}</ol>` : html`<ul>${items}</ul>`;
    }
    case 'code':
      return html`<pre><code>${(token as Tokens.Code).text}</code></pre>`;
    case 'blockquote':
      return html`<blockquote>${blocks((token as Tokens.Blockquote).tokens, depth, shift)}</blockquote>`;
    case 'hr':
      return html`<hr />`;
    case 'table': {
      const table = token as Tokens.Table;
      // Short cells (a date, an amount, a name) stay on one line; the table scrolls in its wrapper.
      const fit = (cell: Tokens.TableCell) => (cell.text.length <= SHORT_CELL_CHARS ? 'short' : '');
      return html`<div class="table-wrap"><table>
        <thead><tr>${table.header.map((cell) => html`<th scope="col" class=${fit(cell)}>${inline(cell.tokens, depth)}</th>`)}</tr></thead>
        <tbody>${table.rows.map((row) => html`<tr>${row.map((cell) => html`<td class=${fit(cell)}>${inline(cell.tokens, depth)}</td>`)}</tr>`)}</tbody>
      </table></div>`;
    }
    case 'html':
      return html`<p>${(token as Tokens.HTML).raw}</p>`; // shown as text
    case 'space':
      return nothing;
    default:
      return 'raw' in token ? html`<p>${String(token.raw)}</p>` : nothing;
  }
}

function blocks(tokens: Token[], depth: number, shift: number): Rendered[] {
  return tokens.map((token) => renderBlock(token, depth + 1, shift));
}

/** Texts up to this length are lexed at once (a few ms); longer ones a slice at a time. */
export const SYNC_CHARS = 8_000;
/** Characters lexed per slice before yielding to the page. */
const SLICE_CHARS = 4_000;
/** Plain text is cut into pieces the browser lays out only when they are on screen. */
const PLAIN_PIECE_CHARS = 16_000;
const PIECE_STYLE = 'white-space: pre-wrap; content-visibility: auto; contain-intrinsic-size: auto 30em;';
const SLICE_STYLE = 'content-visibility: auto; contain-intrinsic-size: auto 30em;';

function plainPieces(text: string): TemplateResult[] {
  const pieces: TemplateResult[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + PLAIN_PIECE_CHARS);
    const newline = end < text.length ? text.lastIndexOf('\n', end) : -1;
    if (newline > start) end = newline + 1;
    pieces.push(html`<div class="plain-piece" style=${PIECE_STYLE}>${text.slice(start, end)}</div>`);
    start = end;
  }
  return pieces;
}

/** Plain text, with a note saying why it is not formatted. */
function renderPlain(text: string, reason: PlainReason | 'failed'): TemplateResult {
  return html`<div class="markdown plain" data-plain=${reason}>
    <p class="markdown-note" part="markdown-note">${plainNote(reason, text.length)}</p>${plainPieces(text)}
  </div>`;
}

/** Shift that renders the document's top heading level as h3, under the element's own h2. */
function headingShift(tokens: readonly Token[]): number {
  let top = 6;
  for (const t of tokens) if (t.type === 'heading') top = Math.min(top, (t as Tokens.Heading).depth);
  return 3 - top;
}

/** The same from the text alone (ATX headings), for a document formatted a slice at a time. */
function textHeadingShift(text: string): number {
  let top = 6;
  for (const match of text.matchAll(/^ {0,3}(#{1,6})[ \t]/gm)) top = Math.min(top, match[1]!.length);
  return 3 - top;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Groups blocks into slices of about SLICE_CHARS. */
function slicesOf(parts: readonly string[]): string[] {
  const slices: string[] = [];
  for (let i = 0; i < parts.length;) {
    let slice = parts[i++]!;
    while (i < parts.length && slice.length + parts[i]!.length < SLICE_CHARS) slice += `\n\n${parts[i++]}`;
    slices.push(slice);
  }
  return slices;
}

/**
 * A long text: each slice is shown as plain text, then lexed and replaced by its elements in a
 * task of its own, one slice after the other, so neither lexing nor the DOM commit runs long.
 */
function formatInSlices(text: string, parts: readonly string[]): TemplateResult {
  const shift = textHeadingShift(text);
  let previous = Promise.resolve();
  const slices = slicesOf(parts).map((slice) => {
    const done = previous.then(async () => {
      await nextTask();
      try {
        return html`${blocks(new Lexer({ gfm: true }).lex(slice), 0, shift)}`;
      } catch {
        return renderPlain(slice, 'failed');
      }
    });
    previous = done.then(() => undefined);
    return html`<div class="md-slice" style=${SLICE_STYLE}>${until(done, html`<div data-plain="pending" style="white-space: pre-wrap">${slice}</div>`)}</div>`;
  });
  return html`<div class="markdown">${slices}</div>`;
}

/** Recently rendered texts: a view re-renders often, and a text is lexed once. */
const cache = new Map<string, TemplateResult>();
const CACHE_SIZE = 8;

function remember(text: string, result: TemplateResult): TemplateResult {
  cache.delete(text);
  cache.set(text, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

/**
 * Renders untrusted markdown as templates. Never throws: text it cannot or should not format is
 * shown as plain text with a note (see the module comment).
 */
export function renderMarkdown(text: string): TemplateResult {
  const markdown = typeof text === 'string' ? text : String(text ?? '');
  const known = cache.get(markdown);
  if (known) return remember(markdown, known);
  let result: TemplateResult;
  try {
    const plan = planMarkdown(markdown);
    if (plan.kind === 'plain') result = renderPlain(markdown, plan.reason);
    else if (markdown.length <= SYNC_CHARS) {
      const tokens = new Lexer({ gfm: true }).lex(markdown);
      result = html`<div class="markdown">${blocks(tokens, 0, headingShift(tokens))}</div>`;
    } else result = formatInSlices(markdown, plan.blocks);
  } catch {
    result = renderPlain(markdown, 'failed');
  }
  return remember(markdown, result);
}
