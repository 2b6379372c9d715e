/**
 * The run's header (`part="header"`, issue 13 §1, §5): what the run is — its title (Shannon's
 * generated title, else the start of the input; `part="title"`) with the status badge
 * (`part="status"`), the whole question one click away (`part="input"`) — then the facts in one
 * muted line: provider, processor and its price per run (Parallel) or mode and model tier
 * (Shannon), when it was created (shared clock, skew-corrected), and the run id, secondary and
 * copyable (`part="run-id"`). Then the connection (render-connection.ts), a notice when the run
 * waits for a person, and the API's warnings.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import { isTerminalStatus, needsUser, type TaskEvent, type TaskRun, type TaskStatus } from '../../core/providers/task-event.js';
import { clock } from '../shared/clock.js';
import { formatCost, humanize, statusLabel } from '../shared/format.js';
import { renderConnection } from './render-connection.js';
import { inputText, modelTier, processorPrice, runHeading } from './run-facts.js';

/** What a person needs to know about a run that waits for them. */
const WAITING_NOTICE: Partial<Record<TaskStatus, Record<'parallel' | 'shannon', string>>> = {
  action_required: {
    parallel: 'Parallel is waiting for someone to act on this run before it continues. Check the run in the Parallel platform, then press Check again to follow it.',
    shannon: 'Shannon is waiting for someone to act on this run before it continues.',
  },
  paused: {
    parallel: 'This run is paused. It continues when it is resumed.',
    shannon: 'This run is paused. Press Resume to let it continue.',
  },
};

function renderWaiting(run: TaskRun): TemplateResult | typeof nothing {
  if (!needsUser(run.status)) return nothing;
  const text = WAITING_NOTICE[run.status]?.[run.provider] ?? 'This run is waiting for someone to act on it.';
  return html`<p part="notice" class="waiting" role="status">${text}</p>`;
}

function renderWarnings(run: TaskRun): TemplateResult | typeof nothing {
  if (!run.warnings?.length) return nothing;
  return html`<ul part="warnings" class="warnings" aria-label="Warnings">${run.warnings.map((w) => html`<li class="warning" data-type=${w.type}>
    <span class="warning-type">${humanize(w.type)}:</span> ${w.message}</li>`)}</ul>`;
}

/** "core · $0.025 per run" (Parallel) or "research mode · large tier" (Shannon). */
function renderKind(run: TaskRun): TemplateResult | typeof nothing {
  if (run.provider === 'parallel') {
    if (!run.processor) return nothing;
    const price = processorPrice(run);
    return html`<span part="processor">${run.processor}${price !== undefined
      ? html` · <span part="price" class="price" title="Parallel's price for one run of this processor">${formatCost(price)} per run</span>` : nothing}</span>`;
  }
  const tier = modelTier(run);
  if (!run.mode && !tier) return nothing;
  return html`<span part="processor">${[run.mode ? `${run.mode} mode` : '', tier ? `${tier} tier` : ''].filter(Boolean).join(' · ')}</span>`;
}

export interface HeaderContext {
  connection: RunConnectionSnapshot | undefined;
  events: readonly TaskEvent[];
  onCopyId(): void;
  onReconnect(): void;
  /** The notice of the copy-id button, if any. */
  idNotice: TemplateResult | typeof nothing;
}

export function renderHeader(run: TaskRun, ctx: HeaderContext): TemplateResult {
  const heading = runHeading(run, ctx.events);
  const input = inputText(run);
  // The question is one click away unless the heading already shows all of it.
  const showInput = input && !(heading.fromInput && heading.text === input.replace(/\s+/g, ' '));
  return html`<header part="header" class="header">
    <div class="heading-row">
      <h2 part="title" class="run-title" title=${heading.text}>${heading.text}</h2>
      <span part=${`status status-${run.status}`} class="badge status" data-status=${run.status}>${statusLabel(run.status)}</span>
    </div>
    ${showInput
      ? html`<details part="input" class="input"><summary>${run.provider === 'shannon' ? 'The question' : 'The input'}</summary>
          <div class="input-text" tabindex="0" role="region" aria-label="The whole input">${input}</div></details>`
      : nothing}
    <div class="meta">
      <span>${run.provider === 'parallel' ? 'Parallel' : 'Shannon'}</span>
      ${renderKind(run)}
      <time datetime=${run.createdAt} title=${new Date(run.createdAt).toLocaleString()}>created ${clock.age(run.createdAt, run.provider)}</time>
      <span class="id-group"><span>ID</span> <code part="run-id" class="run-id" title=${run.id}>${run.id}</code><button type="button"
        class="link-button" aria-label="Copy run id" @click=${ctx.onCopyId}>Copy</button>${ctx.idNotice}</span>
    </div>
    <div class="connection-row">${renderConnection(ctx.connection, isTerminalStatus(run.status), ctx.onReconnect)}</div>
    ${renderWaiting(run)}
    ${renderWarnings(run)}
  </header>`;
}
