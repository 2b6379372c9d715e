/**
 * The result section (`part="output"`): text output as markdown templates, JSON output as a tree,
 * then the basis per field — reasoning, confidence and citations (`part="citation"`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldBasis, TaskOutput } from '../../core/providers/task-event.js';
import { renderJsonTree } from '../shared/json-tree.js';
import { renderLink } from '../shared/link.js';
import { renderMarkdownLazily } from '../shared/lazy-markdown.js';
import { displayUrl } from '../shared/safe-url.js';

function renderBasis(basis: FieldBasis): TemplateResult {
  return html`<li class="basis">
    <div class="basis-head">
      <code class="basis-field">${basis.field}</code>
      ${basis.confidence ? html`<span class="badge confidence" data-confidence=${basis.confidence}>${basis.confidence} confidence</span>` : nothing}
    </div>
    ${basis.reasoning ? html`<p class="basis-reasoning">${basis.reasoning}</p>` : nothing}
    ${basis.citations.length
      ? html`<ul class="citations">${basis.citations.map((c) => html`<li part="citation" class="citation">
          ${renderLink(c.url, c.title || displayUrl(c.url))}
          ${c.title ? html`<span class="citation-url">${displayUrl(c.url)}</span>` : nothing}
          ${c.excerpts.map((excerpt) => html`<blockquote class="excerpt">${excerpt}</blockquote>`)}
        </li>`)}</ul>`
      : nothing}
  </li>`;
}

export function renderOutput(output: TaskOutput, actions: TemplateResult): TemplateResult {
  const cited = output.basis.filter((b) => b.citations.length || b.reasoning);
  return html`<section part="output" class="output" aria-labelledby="output-heading">
    <div class="section-head">
      <h2 id="output-heading">Result</h2>
      <div class="actions">${actions}</div>
    </div>
    <div class="output-body">
      ${output.type === 'text' ? renderMarkdownLazily(output.content) : renderJsonTree(output.content)}
    </div>
    ${cited.length
      ? html`<details class="basis-list" ?open=${cited.length <= 3}>
          <summary>Sources and reasoning (${cited.length} ${cited.length === 1 ? 'field' : 'fields'})</summary>
          <ul>${cited.map(renderBasis)}</ul>
        </details>`
      : nothing}
  </section>`;
}

/** Plain text of an output, for the copy action. */
export function outputText(output: TaskOutput): string {
  return output.type === 'text' ? output.content : JSON.stringify(output.content, null, 2);
}
