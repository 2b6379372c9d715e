/**
 * Markdown from the API rendered as Lit templates, never as an HTML string: `marked`'s lexer gives
 * tokens, and each token becomes a template whose text goes through Lit bindings. Raw HTML in the
 * markdown is shown as text; links are only made for http(s) URLs; images become links (no
 * request is made to load them).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { Lexer, type Token, type Tokens } from 'marked';
import { renderLink } from './link.js';

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
      return html`<div class="table-wrap"><table>
        <thead><tr>${table.header.map((cell) => html`<th scope="col">${inline(cell.tokens, depth)}</th>`)}</tr></thead>
        <tbody>${table.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${inline(cell.tokens, depth)}</td>`)}</tr>`)}</tbody>
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

/** Renders untrusted markdown as templates. */
export function renderMarkdown(markdown: string): TemplateResult {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  const levels = tokens.filter((t): t is Tokens.Heading => t.type === 'heading').map((t) => t.depth);
  // The document's top heading level renders as h3, under the element's own h2.
  const shift = 3 - (levels.length ? Math.min(...levels) : 1);
  return html`<div class="markdown">${blocks(tokens, 0, shift)}</div>`;
}
