/**
 * The connection indicator (`part="connection"`): the lifecycle phase in words, the countdown to the
 * next attempt read from the session's own timer (`nextRetryAt`, run-session.ts) against the shared
 * clock, and the one control that acts on the connection now (issue 13 §2, §7): "Retry now" while
 * waiting to retry, "Reconnect" once it stopped or failed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import type { RunPhaseName } from '../../core/store/run-lifecycle.js';
import { clock } from '../shared/clock.js';
import { renderError } from './render-failure.js';

/** What each lifecycle phase is called in the header (run-lifecycle.ts). */
const PHASE_LABEL: Record<RunPhaseName, string> = {
  idle: 'Not connected',
  'waiting-for-config': 'Waiting for settings',
  connecting: 'Connecting…',
  open: 'Live',
  'checking-status': 'Checking the status',
  'backing-off': 'Reconnecting',
  offline: 'Offline: waiting for the network',
  'confirming-final-status': 'Confirming the final status',
  'needs-action': 'Waiting for your action',
  finished: 'Finished',
  stopped: 'Not watching',
  failed: 'Connection failed',
};

/** Phases with a control that acts now, and its words. */
const CONTROL: Partial<Record<RunPhaseName, string>> = {
  'backing-off': 'Retry now',
  offline: 'Retry now',
  failed: 'Reconnect',
  stopped: 'Watch again',
  'needs-action': 'Check again',
};

/** "next try in 3 s" / "retrying now", from the deadline the session waits for. */
export function countdown(connection: RunConnectionSnapshot): string {
  if (connection.nextRetryAt === undefined) return '';
  const left = clock.remaining(connection.nextRetryAt);
  const what = connection.phase === 'backing-off' ? 'next try' : 'next check';
  if (left < 1000) return connection.phase === 'backing-off' ? 'retrying now' : 'checking now';
  return `${what} in ${Math.ceil(left / 1000)} s`;
}

export function renderConnection(connection: RunConnectionSnapshot | undefined, finished: boolean, onReconnect: () => void): TemplateResult {
  const state = connection?.state ?? 'closed';
  const phase = connection?.phase ?? 'idle';
  const label = phase === 'idle' && finished ? 'Finished' : PHASE_LABEL[phase];
  const attempt = phase === 'backing-off' && connection ? `attempt ${Math.max(1, connection.attempt)}` : '';
  const detail = [attempt, connection ? countdown(connection) : ''].filter(Boolean).join(', ');
  const control = finished ? undefined : CONTROL[phase];
  // A wait for settings or a failure says what happened and what to do; a reconnect in progress says why.
  const error = phase === 'failed' || phase === 'waiting-for-config' ? connection?.error : undefined;
  return html`<span part=${`connection connection-${state}`} class="connection" data-state=${state} data-phase=${phase}>
    <span class="dot" aria-hidden="true"></span>${label}${detail ? html` <span class="muted countdown">(${detail})</span>` : nothing}
    ${control ? html`<button type="button" part="reconnect" class="link-button" @click=${onReconnect}>${control}</button>` : nothing}
  </span>
  ${renderError(error, phase === 'failed' ? 'alert' : 'status')}`;
}
