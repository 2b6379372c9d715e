/**
 * One row of the event list as a template (`part="event"`, `data-type` = the normalized kind).
 * Every string is API data and goes through a Lit text binding (or the safe markdown renderer).
 * An agent's complete message is a short collapsed row with the call's usage: the answer itself is
 * shown once, as the live text while it is written and as the result when it is final (the row of
 * the message that is the answer only points to it). Agents are shown by name (agent-names.ts); a
 * long row is clipped with "Show all" (issue 13 §8). Advice the header gives is not repeated here.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { needsUser, type TaskEvent } from '../../core/providers/task-event.js';
import { clockTime, formatUsage, humanize, statusLabel, truncate } from '../shared/format.js';
import { renderMarkdownLazily } from '../shared/lazy-markdown.js';
import { agentName, speaksForRun } from './agent-names.js';
import type { EventRow } from './event-rows.js';
import { t } from './strings.js';

/** Characters of a collapsed message shown in its summary line. */
const SUMMARY_CHARS = 140;
/** Characters of a row's text shown until "Show all" is pressed. */
export const ROW_CHARS = 600;

/** What rows need from the view: the final answer's text, and which long rows are shown in full. */
export interface RowContext {
  /** The final answer as text, when there is one: the message that is this answer is not repeated. */
  answer?: string;
  /** Keys of the rows shown in full. */
  expanded: ReadonlySet<string>;
  toggle(key: string): void;
}

const CATEGORY_LABELS: Record<string, `stream.label.${string}`> = {
  plan: 'stream.label.plan', search: 'stream.label.search', result: 'stream.label.result', tool_call: 'stream.label.toolCall',
  exec_status: 'stream.label.progress', workflow_started: 'stream.label.started', workflow_completed: 'stream.label.done',
  agent_started: 'stream.label.agentStarted', agent_completed: 'stream.label.agentDone', progress: 'stream.label.progress',
};

function label(event: TaskEvent): string {
  switch (event.kind) {
    case 'message':
      // A child workflow's "done" is one agent's part, not the run (Shannon sends both).
      if ((event.category === 'workflow_completed' || event.category === 'workflow_started') && !speaksForRun(event.agent)) {
        return t(event.category === 'workflow_completed' ? 'stream.label.agentDone' : 'stream.label.agentStarted');
      }
      return CATEGORY_LABELS[event.category] ? t(CATEGORY_LABELS[event.category] as 'stream.label.plan') : humanize(event.category);
    case 'status': return t('stream.label.status');
    case 'thinking': return t('stream.label.thinking');
    case 'tool': return t(event.phase === 'call' ? 'stream.label.tool' : 'stream.label.toolResult', { tool: event.tool });
    case 'text': return t('stream.label.message');
    case 'usage': return t('stream.label.usage');
    case 'budget': return t('stream.label.budget');
    case 'approval': return t(event.phase === 'requested' ? 'stream.label.approvalNeeded' : 'stream.label.approval');
    case 'control': return t('stream.label.workflow');
    case 'error': return t('stream.label.error');
    case 'gap': return t('stream.label.gap');
    case 'unknown': return humanize(event.source);
    default: return humanize(event.kind);
  }
}

/** Rendered message bodies by event: rows re-render on every batch, lexing markdown once is enough. */
const bodies = new WeakMap<TaskEvent, ReturnType<typeof renderMarkdownLazily>>();

function messageBody(event: Extract<TaskEvent, { kind: 'text' }>): ReturnType<typeof renderMarkdownLazily> {
  let rendered = bodies.get(event);
  if (!rendered) bodies.set(event, (rendered = renderMarkdownLazily(event.text)));
  return rendered;
}

function renderMessage(event: Extract<TaskEvent, { kind: 'text' }>, ctx: RowContext, callUsage = event.usage): TemplateResult {
  if (ctx.answer !== undefined && event.text.trim() && event.text.trim() === ctx.answer.trim()) {
    return html`<span class="message-summary muted">${t('stream.answerShown')}</span>${callUsage
      ? html` <span class="usage" part="usage">${formatUsage(callUsage)}</span>` : nothing}`;
  }
  const first = event.text.trim().split('\n', 1)[0] ?? '';
  const usage = callUsage ? formatUsage(callUsage) : '';
  return html`<details class="message">
    <summary><span class="message-summary">${truncate(first, SUMMARY_CHARS) || t('stream.emptyMessage')}</span>${usage
      ? html` <span class="usage" part="usage">${usage}</span>` : nothing}</summary>
    <div class="message-body">${messageBody(event)}</div>
  </details>`;
}

function gapText(event: Extract<TaskEvent, { kind: 'gap' }>, recovered: number): string {
  const lost = event.missing - recovered;
  if (lost <= 0) return t('stream.gap.recovered', { count: event.missing });
  const note = t('stream.gap.note');
  return recovered > 0
    ? `${t('stream.gap.lostSome', { count: lost, recovered })} ${note}`
    : `${t('stream.gap.lost', { count: lost })} ${note}`;
}

/** A text clipped to {@link ROW_CHARS} with a "Show all" button, or whole once expanded. */
function clipped(key: string, text: string, ctx: RowContext): TemplateResult | string {
  if (text.length <= ROW_CHARS) return text;
  const open = ctx.expanded.has(key);
  return html`${open ? text : `${text.slice(0, ROW_CHARS)}…`} <button type="button" class="link-button show-all" aria-expanded=${open ? 'true' : 'false'}
    @click=${() => ctx.toggle(key)}>${open ? t('stream.showLess') : t('stream.showAll', { count: text.length })}</button>`;
}

function body(row: EventRow, ctx: RowContext): TemplateResult | string {
  const event = row.event;
  switch (event.kind) {
    case 'status':
      // What a person should do about a status that waits for them is the header's notice, in their
      // language (render-header.ts): the row names the status only (fresh2: the sentence twice).
      return html`<span class="badge" data-status=${event.status}>${statusLabel(event.status)}</span>${event.message && !needsUser(event.status)
        ? html` <span class="status-message">${event.message}</span>` : nothing}`;
    case 'message':
    case 'thinking':
    case 'budget':
    case 'approval':
    case 'control':
      return clipped(row.key, event.text, ctx);
    case 'text':
      return renderMessage(event, ctx, row.usage ?? event.usage);
    case 'tool':
      return html`${clipped(row.key, event.text, ctx)}${event.success === false ? html` <span class="failed">${t('stream.toolFailed')}</span>` : nothing}`;
    case 'usage':
      return formatUsage(event.usage);
    case 'gap':
      return gapText(event, row.recovered ?? 0);
    case 'error':
      return html`${clipped(row.key, event.error.message, ctx)}${event.error.refId ? html` <span class="ref">${t('stream.ref', { ref: event.error.refId })}</span>` : nothing}`;
    case 'unknown': {
      const text = (event.data as { message?: unknown })?.message;
      return clipped(row.key, typeof text === 'string' && text ? text : JSON.stringify(event.data) ?? '', ctx);
    }
    default:
      return '';
  }
}

export function renderEventRow(row: EventRow, ctx: RowContext): TemplateResult {
  const event = row.event;
  const agent = 'agent' in event && event.agent ? event.agent : undefined;
  const category = event.kind === 'message' ? event.category : undefined;
  return html`<li part=${`event event-${event.kind}`} class="event" data-id=${event.id} data-type=${event.kind} data-category=${category ?? nothing}>
    <span class="event-label">${label(event)}</span>
    ${agent ? html`<span class="event-agent" data-agent=${agent}>${agentName(agent)}</span>` : nothing}
    ${event.timestamp ? html`<time class="event-time" datetime=${event.timestamp}>${clockTime(event.timestamp)}</time>` : nothing}
    <span class="event-body">${body(row, ctx)}</span>
  </li>`;
}
