/**
 * The answer: while it is written, one block per writing agent (`part="live"`, `part="live-text"`
 * with `data-agent`; a text that lost events in a gap says so); when final, the result section
 * (`part="output"`): text output as markdown templates with its sources and reasoning (`part="citation"`,
 * excerpts as markdown: Parallel's contain `**bold**`); JSON output as a field view with the evidence
 * beside each value (render-fields.ts) and the raw JSON on demand (`part="raw-json"`); then the MCP
 * tool calls the run made (`part="tool-call"`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldBasis, McpToolCall, TaskOutput } from '../../core/providers/task-event.js';
import { renderLink } from '../shared/link.js';
import { renderMarkdownLazily } from '../shared/lazy-markdown.js';
import { displayUrl } from '../shared/safe-url.js';
import { agentName } from './agent-names.js';
import type { LiveText } from './live-texts.js';
import { confidenceLabel, fieldLabel, renderFields } from './render-fields.js';
import { t } from './strings.js';

/** Characters of a live text shown: the tail, so a long answer costs no more than a short one. */
const LIVE_TEXT_TAIL = 1200;

function renderText(text: LiveText, ended: boolean): TemplateResult {
  // A tail never starts inside a character of two UTF-16 units (an emoji): no broken glyph first.
  const shown = text.text.length > LIVE_TEXT_TAIL ? `…${text.text.slice(-LIVE_TEXT_TAIL).replace(/^[\uDC00-\uDFFF]/, '')}` : text.text;
  return html`<div part="live-text" class="live-text" data-agent=${text.agent} data-done=${text.done ? 'true' : nothing}>
    <div class="live-head"><span class="event-agent">${agentName(text.agent)}</span>
      <span class="muted">${t(text.done ? 'stream.finishedWriting' : ended ? 'stream.stoppedWriting' : 'stream.writing')}</span></div>
    ${text.partial
      ? html`<p class="live-partial" role="note">${t('stream.partial')}</p>`
      : nothing}
    <div class="live-body">${shown}</div>
  </div>`;
}

/** The texts being written; `ended`: the run is over (finished, failed, cancelled), so nothing is being written. */
export function renderLiveTexts(texts: readonly LiveText[], ended = false): TemplateResult | typeof nothing {
  if (!texts.length) return nothing;
  return html`<section part="live" class="live" aria-label=${t(ended ? 'stream.liveEnded' : 'stream.live')}
    aria-busy=${ended ? 'false' : 'true'} data-ended=${ended ? 'true' : nothing}>${texts.map((text) => renderText(text, ended))}</section>`;
}

/** The basis of a whole text answer (Parallel and Shannon both name it `output`): it needs no label. */
const WHOLE_ANSWER = 'output';

/** A URL compared loosely: decoded, without a fragment, a trailing slash or trailing punctuation. */
function sameUrl(url: string): string {
  let text = url.trim().replace(/#.*$/, '').replace(/[.,;:!?]+$/, '').replace(/\/+$/, '');
  try {
    text = decodeURI(text);
  } catch {
    // keep it encoded
  }
  return text.replace(/^https?:\/\/(www\.)?/i, '').toLowerCase();
}

/** Every http(s) URL a text answer already shows (markdown links and bare URLs). */
function urlsIn(text: unknown): Set<string> {
  if (typeof text !== 'string') return new Set();
  return new Set([...text.matchAll(/https?:\/\/[^\s<>()\[\]"'`]+/gi)].map((m) => sameUrl(m[0])));
}

/**
 * The evidence of a text output still worth listing after the text: citations the answer already
 * links (Shannon appends its own "Sources" list) are not listed twice unless they bring excerpts
 * (Parallel's); an entry left with nothing is dropped.
 */
export function citedBeyondText(content: unknown, basis: readonly FieldBasis[]): FieldBasis[] {
  const shown = urlsIn(content);
  return basis
    .map((b) => ({ ...b, citations: b.citations.filter((c) => (c.excerpts?.length ?? 0) > 0 || !shown.has(sameUrl(c.url))) }))
    .filter((b) => b.citations.length || b.reasoning);
}

function renderBasis(basis: FieldBasis): TemplateResult {
  return html`<li class="basis">
    <div class="basis-head">
      ${basis.field === WHOLE_ANSWER ? nothing : html`<span class="basis-field">${basis.field.split('.').map(fieldLabel).join(' › ')}</span>`}
      ${basis.confidence ? html`<span class="badge confidence" data-confidence=${basis.confidence}>${confidenceLabel(basis.confidence)}</span>` : nothing}
    </div>
    ${basis.reasoning ? html`<p class="basis-reasoning">${basis.reasoning}</p>` : nothing}
    ${basis.citations.length
      ? html`<ul class="citations">${basis.citations.map((c) => html`<li part="citation" class="citation">
          ${renderLink(c.url, c.title || displayUrl(c.url))}
          ${c.title ? html`<span class="citation-url">${displayUrl(c.url)}</span>` : nothing}
          ${c.excerpts.map((excerpt) => html`<blockquote class="excerpt">${renderMarkdownLazily(excerpt)}</blockquote>`)}
        </li>`)}</ul>`
      : nothing}
  </li>`;
}

function renderToolCall(call: McpToolCall): TemplateResult {
  return html`<li part="tool-call" class="tool-call" data-failed=${call.error ? 'true' : nothing}>
    <details>
      <summary><code>${call.server ? `${call.server} · ` : ''}${call.tool}</code>${call.error
        ? html` <span class="failed">${t('stream.toolCallFailed', { error: call.error })}</span>` : nothing}</summary>
      <div class="tool-call-detail">
        <div class="muted">${t('stream.arguments')}</div><pre>${call.arguments}</pre>
        ${call.content !== undefined ? html`<div class="muted">${t('stream.answer')}</div><pre>${call.content}</pre>` : nothing}
      </div>
    </details>
  </li>`;
}

/** The output's body; a failure to render it stays here and shows the text as it came. */
function renderBody(output: TaskOutput): TemplateResult | ReturnType<typeof renderMarkdownLazily> {
  try {
    if (output.type === 'text') return renderMarkdownLazily(output.content);
    return html`${renderFields(output.content, output.basis)}
      <details part="raw-json" class="raw-json"><summary>${t('stream.rawJson')}</summary><pre tabindex="0">${outputText(output)}</pre></details>`;
  } catch {
    return html`<p class="markdown-note" part="markdown-note">${t('stream.displayFailed')}</p>
      <div class="plain-piece" style="white-space: pre-wrap">${String(outputText(output))}</div>`;
  }
}

/**
 * The result section. `actions` are the copy and download buttons. What the run cost is said once,
 * with the run's other facts above (the header's price, the progress line's usage), not here again.
 */
export function renderOutput(output: TaskOutput, actions: TemplateResult): TemplateResult {
  const calls = output.mcpToolCalls ?? [];
  // A JSON output's evidence sits beside its values; a text output's follows it.
  const cited = output.type === 'text' ? citedBeyondText(output.content, output.basis) : [];
  const fields = cited.filter((b) => b.field !== WHOLE_ANSWER).length;
  return html`<section part="output" class="output" aria-labelledby="output-heading">
    <div class="section-head">
      <h2 id="output-heading">${t('stream.result')}</h2>
      <div class="actions">${actions}</div>
    </div>
    <div class="output-body">
      ${renderBody(output)}
    </div>
    ${cited.length
      ? html`<details class="basis-list" ?open=${cited.length <= 3}>
          <summary>${fields ? t('stream.basis', { count: fields }) : t('stream.basisAnswer')}</summary>
          <ul>${cited.map(renderBasis)}</ul>
        </details>`
      : nothing}
    ${calls.length
      ? html`<details class="tool-calls">
          <summary>${t('stream.toolCalls', { count: calls.length })}</summary>
          <ul>${calls.map(renderToolCall)}</ul>
        </details>`
      : nothing}
  </section>`;
}

/** Plain text of an output, for the copy action. */
export function outputText(output: TaskOutput): string {
  return output.type === 'text' ? output.content : JSON.stringify(output.content, null, 2);
}
