/**
 * The run's header (`part="header"`, issue 13 §1, §5): what the run is — its title (Shannon's
 * generated title, else the start of the input; `part="title"`) with the status badge
 * (`part="status"`), the whole question one click away (`part="input"`) — then the facts in one
 * muted line: provider, processor and its price per run (Parallel) or mode and model tier
 * (Shannon), when it was created (shared clock, skew-corrected; left out while no answer has said
 * it, `createdAtUnknown`), and the run id, secondary and
 * copyable (`part="run-id"`). Then the connection (render-connection.ts), a notice when the run
 * waits for a person, and the API's warnings.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import { isTerminalStatus, needsUser, type TaskEvent, type TaskRun, type TaskStatus } from '../../core/providers/task-event.js';
import { clock } from '../shared/clock.js';
import { dateTime, formatCost, humanize, statusLabel } from '../shared/format.js';
import { reachAdvice, reachLabel, type RunReach } from '../shared/reach.js';
import { renderConnection } from './render-connection.js';
import { t } from './strings.js';
import { inputText, modelTier, processorPrice, runHeading } from './run-facts.js';

/** What a person needs to know about a run that waits for them (catalog keys). */
const WAITING_NOTICE: Partial<Record<TaskStatus, Record<'parallel' | 'shannon', `stream.waiting.${string}`>>> = {
  action_required: { parallel: 'stream.waiting.actionRequired.parallel', shannon: 'stream.waiting.actionRequired.shannon' },
  paused: { parallel: 'stream.waiting.paused.parallel', shannon: 'stream.waiting.paused.shannon' },
};

function renderWaiting(run: TaskRun): TemplateResult | typeof nothing {
  if (!needsUser(run.status)) return nothing;
  const text = t((WAITING_NOTICE[run.status]?.[run.provider] ?? 'stream.waiting.other') as 'stream.waiting.other');
  return html`<p part="notice" class="waiting" role="status">${text}</p>`;
}

/** The kinds of warning Parallel names (catalog keys); a newer kind is shown as its name in words. */
const WARNING_TYPES: Record<string, 'stream.warningType.spec' | 'stream.warningType.input' | 'stream.warningType.warning'> = {
  spec_validation_warning: 'stream.warningType.spec',
  input_validation_warning: 'stream.warningType.input',
  warning: 'stream.warningType.warning',
};

const warningType = (type: string) => (WARNING_TYPES[type] ? t(WARNING_TYPES[type]) : humanize(type));

function renderWarnings(run: TaskRun): TemplateResult | typeof nothing {
  if (!run.warnings?.length) return nothing;
  return html`<ul part="warnings" class="warnings" aria-label=${t('stream.warnings')}>${run.warnings.map((w) => html`<li class="warning" data-type=${w.type}>
    <span class="warning-type">${warningType(w.type)}:</span> ${w.message}</li>`)}</ul>`;
}

/** "core · $0.025 per run" (Parallel) or "research mode · large tier" (Shannon). */
function renderKind(run: TaskRun): TemplateResult | typeof nothing {
  if (run.provider === 'parallel') {
    if (!run.processor) return nothing;
    const price = processorPrice(run);
    return html`<span part="processor">${run.processor}${price !== undefined
      ? html` · <span part="price" class="price" title=${t('stream.priceTitle')}>${t('stream.perRun', { price: formatCost(price) })}</span>` : nothing}</span>`;
  }
  const tier = modelTier(run);
  if (!run.mode && !tier) return nothing;
  return html`<span part="processor">${[run.mode ? t('stream.mode', { mode: run.mode }) : '', tier ? t('stream.tier', { tier }) : ''].filter(Boolean).join(' · ')}</span>`;
}

export interface HeaderContext {
  connection: RunConnectionSnapshot | undefined;
  events: readonly TaskEvent[];
  onCopyId(): void;
  /** Without it the header has no connection row: a run of a batch (task-group/render-group.ts) has no connection of its own. */
  onReconnect?(): void;
  /** The notice of the copy-id button, if any. */
  idNotice: TemplateResult | typeof nothing;
  /** What stops this page from following the run (reach.ts): the badge says it instead of the stale status. */
  reach: RunReach | undefined;
}

/**
 * The status badge (`part="status status-<status>"`, `data-status`): the run's status, or, for a run
 * this page cannot follow, what it learned (parts `status` and `status-unreachable`, `data-reach`; its
 * title says what to do and `data-status` keeps the server's last status).
 */
export function renderStatus(run: TaskRun, reach: RunReach | undefined): TemplateResult {
  const badge = reach ? 'unreachable' : run.status;
  return html`<span part=${`status status-${badge}`} class="badge status" data-status=${run.status}
    data-reach=${reach ?? nothing} title=${reach ? reachAdvice(reach) : nothing}>${reach ? reachLabel(reach) : statusLabel(run.status)}</span>`;
}

export function renderHeader(run: TaskRun, ctx: HeaderContext): TemplateResult {
  const heading = runHeading(run, ctx.events);
  const input = inputText(run);
  // The question is one click away unless the heading already shows all of it.
  const showInput = input && !(heading.fromInput && heading.text === input.replace(/\s+/g, ' '));
  return html`<header part="header" class="header">
    <div class="heading-row">
      <h2 part="title" class="run-title" title=${heading.text}>${heading.text}</h2>
      ${renderStatus(run, ctx.reach)}
    </div>
    ${showInput
      ? html`<details part="input" class="input"><summary>${t(run.provider === 'shannon' ? 'stream.question' : 'stream.input')}</summary>
          <div class="input-text" tabindex="0" role="region" aria-label=${t('stream.wholeInput')}>${input}</div></details>`
      : nothing}
    <div class="meta">
      <span>${t(run.provider === 'parallel' ? 'provider.parallel' : 'provider.shannon')}</span>
      ${renderKind(run)}
      ${run.createdAtUnknown ? nothing // never learned: the page's time it asked is not the run's
        : html`<time datetime=${run.createdAt} title=${dateTime(run.createdAt)}>${t('stream.created', { age: clock.runAge(run) })}</time>`}
      <span class="id-group"><span>${t('stream.id')}</span> <code part="run-id" class="run-id" title=${run.id}>${run.id}</code><button type="button"
        class="link-button" aria-label=${t('stream.copyId')} @click=${ctx.onCopyId}>${t('stream.copy')}</button>${ctx.idNotice}</span>
    </div>
    ${ctx.onReconnect ? html`<div class="connection-row">${renderConnection(ctx.connection, isTerminalStatus(run.status), ctx.onReconnect, needsUser(run.status))}</div>` : nothing}
    ${renderWaiting(run)}
    ${renderWarnings(run)}
  </header>`;
}
