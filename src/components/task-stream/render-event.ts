/**
 * One row of the event list as a template (`part="event"`, `data-type` = the normalized kind).
 * Every string is API data and goes through a Lit text binding.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { TaskEvent } from '../../core/providers/task-event.js';
import { clockTime, statusLabel, truncate } from '../shared/format.js';
import type { EventRow } from './event-rows.js';

/** Characters of streamed text shown in its row. */
const LIVE_TEXT_TAIL = 600;

const CATEGORY_LABELS: Record<string, string> = {
  plan: 'Plan', search: 'Search', result: 'Result', tool_call: 'Tool call', exec_status: 'Progress',
  workflow_started: 'Started', workflow_completed: 'Done', agent_started: 'Agent', agent_completed: 'Agent',
  progress: 'Progress', title: 'Title',
};

function label(event: TaskEvent): string {
  switch (event.kind) {
    case 'message':
      return CATEGORY_LABELS[event.category] ?? statusLabel(event.category);
    case 'status': return 'Status';
    case 'thinking': return 'Thinking';
    case 'tool': return event.phase === 'call' ? `Tool · ${event.tool}` : `Result · ${event.tool}`;
    case 'text-delta': return 'Writing';
    case 'text': return 'Message';
    case 'usage': return 'Usage';
    case 'budget': return 'Budget';
    case 'approval': return event.phase === 'requested' ? 'Approval needed' : 'Approval';
    case 'control': return 'Workflow';
    case 'error': return 'Error';
    case 'invalid': return 'Skipped';
    case 'unknown': return statusLabel(event.source);
    default: return event.kind;
  }
}

function usageText(event: Extract<TaskEvent, { kind: 'usage' }>): string {
  const u = event.usage;
  const parts = [
    u.totalTokens !== undefined ? `${u.totalTokens.toLocaleString()} tokens` : '',
    u.costUsd !== undefined ? `$${u.costUsd.toFixed(4)}` : '',
    u.model ?? '',
  ].filter(Boolean);
  return parts.join(' · ');
}

function body(row: EventRow): TemplateResult | string {
  const event = row.event;
  switch (event.kind) {
    case 'status':
      return html`<span class="badge" data-status=${event.status}>${statusLabel(event.status)}</span>`;
    case 'message':
    case 'thinking':
    case 'text':
    case 'budget':
    case 'approval':
    case 'control':
      return event.text;
    case 'tool':
      return html`${event.text}${event.success === false ? html` <span class="failed">(failed)</span>` : nothing}`;
    case 'text-delta': {
      // The live tail of the text being written; the whole answer is in the result section.
      const text = row.text ?? '';
      return text.length > LIVE_TEXT_TAIL ? `…${text.slice(-LIVE_TEXT_TAIL)}` : text;
    }
    case 'usage':
      return usageText(event);
    case 'error':
      return html`${event.error.message}${event.error.refId ? html` <span class="ref">(ref ${event.error.refId})</span>` : nothing}`;
    case 'invalid':
      return `${event.reason}${event.sample ? ` — ${truncate(event.sample, 120)}` : ''}`;
    case 'unknown': {
      const text = (event.data as { message?: unknown })?.message;
      return typeof text === 'string' && text ? text : truncate(JSON.stringify(event.data), 300);
    }
    default:
      return '';
  }
}

export function renderEventRow(row: EventRow): TemplateResult {
  const event = row.event;
  const agent = 'agent' in event && event.agent ? event.agent : undefined;
  const category = event.kind === 'message' ? event.category : undefined;
  return html`<li part=${`event event-${event.kind}`} class="event" data-type=${event.kind} data-category=${category ?? nothing}>
    <span class="event-label">${label(event)}</span>
    ${agent ? html`<span class="event-agent">${agent}</span>` : nothing}
    ${event.timestamp ? html`<time class="event-time" datetime=${event.timestamp}>${clockTime(event.timestamp)}</time>` : nothing}
    <span class="event-body">${body(row)}</span>
  </li>`;
}
