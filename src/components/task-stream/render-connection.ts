/**
 * The connection indicator (`part="connection"`): the lifecycle phase in words, the countdown to the
 * next attempt read from the session's own timer (`nextRetryAt`, run-session.ts) against the shared
 * clock, and the one control that acts on the connection now (issue 13 §2, §7): "Retry now" while
 * waiting to retry, "Reconnect" once it stopped or failed. A run that waits for the connection
 * budget (issue 14 §1) says so and what happens meanwhile, not "Not connected" (fresh14 f1).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import type { RunPhaseName } from '../../core/store/run-lifecycle.js';
import { clock } from '../shared/clock.js';
import { renderError } from './render-failure.js';
import { t } from './strings.js';

/** What each lifecycle phase is called in the header (run-lifecycle.ts): catalog keys. */
const PHASE_LABEL = {
  idle: 'stream.phase.idle',
  'waiting-for-config': 'stream.phase.waitingForConfig',
  connecting: 'stream.phase.connecting',
  open: 'stream.phase.open',
  'checking-status': 'stream.phase.checkingStatus',
  'backing-off': 'stream.phase.backingOff',
  offline: 'stream.phase.offline',
  'confirming-final-status': 'stream.phase.confirmingFinalStatus',
  'needs-action': 'stream.phase.needsAction',
  finished: 'stream.phase.finished',
  stopped: 'stream.phase.stopped',
  failed: 'stream.phase.failed',
} as const satisfies Record<RunPhaseName, `stream.phase.${string}`>;

/** Phases with a control that acts now, and the key of its words. */
const CONTROL: Partial<Record<RunPhaseName, 'stream.retryNow' | 'stream.reconnect' | 'stream.watchAgain' | 'stream.checkAgain' | 'stream.loadResult'>> = {
  'backing-off': 'stream.retryNow',
  offline: 'stream.retryNow',
  failed: 'stream.reconnect',
  stopped: 'stream.watchAgain',
  'needs-action': 'stream.checkAgain',
};

/**
 * "next try in 3 s", from the deadline the session waits for: whole seconds rounded up, so the
 * last second before the retry reads "in 1 s"; "retrying now" only once the deadline has passed.
 */
export function countdown(connection: RunConnectionSnapshot): string {
  if (connection.nextRetryAt === undefined) return '';
  const left = clock.remaining(connection.nextRetryAt);
  const retrying = connection.phase === 'backing-off';
  if (left <= 0) return t(retrying ? 'stream.retryingNow' : 'stream.checkingNow');
  return t(retrying ? 'stream.nextTry' : 'stream.nextCheck', { seconds: Math.ceil(left / 1000) });
}

/**
 * What a finished run's connection says (the run is over: there is nothing to watch). Only its
 * output matters then: being fetched, or not fetched (with the error and "Load the result").
 */
function finishedLook(connection: RunConnectionSnapshot | undefined): { label: TemplateKey; control?: 'stream.loadResult'; error?: Error } {
  const phase = connection?.phase;
  if (phase === 'confirming-final-status') return { label: 'stream.phase.loadingResult' };
  if (phase === 'failed' && connection?.error?.name === 'ResultUnavailableError') {
    return { label: 'stream.phase.resultMissing', control: 'stream.loadResult', error: connection.error };
  }
  return { label: 'stream.phase.finished' };
}

type TemplateKey = (typeof PHASE_LABEL)[RunPhaseName] | 'stream.phase.openWaiting' | 'stream.phase.loadingResult' | 'stream.phase.resultMissing';

/**
 * `finished`: the run's status is final — never "Not watching" or "Connection failed" then, only
 * whether its output is there (see finishedLook). `waiting`: the run waits for a person (paused):
 * an open stream is then "Connected", with a still dot, not "Live" (fresh2: a green "Live" beside "paused").
 */
export function renderConnection(connection: RunConnectionSnapshot | undefined, finished: boolean, onReconnect: () => void, waiting = false): TemplateResult {
  const state = connection?.state ?? 'closed';
  const phase = connection?.phase ?? 'idle';
  const still = waiting && phase === 'open';
  const over = finished ? finishedLook(connection) : undefined;
  const queued = !finished && phase === 'idle' && connection?.queued === true;
  const label = t(over ? over.label : still ? 'stream.phase.openWaiting' : queued ? 'stream.phase.queued' : PHASE_LABEL[phase]);
  const attempt = phase === 'backing-off' && connection ? t('stream.attempt', { n: Math.max(1, connection.attempt) }) : '';
  const detail = [attempt, connection && !over ? countdown(connection) : ''].filter(Boolean).join(', ');
  const control = over ? over.control : CONTROL[phase];
  // A wait for settings or a failure says what happened and what to do; a reconnect in progress says why.
  // Once the run is over, a connection problem no longer matters to the reader, only a missing output.
  const error = over ? over.error : (phase === 'failed' || phase === 'waiting-for-config') ? connection?.error : undefined;
  return html`<span part=${`connection connection-${state}`} class="connection" data-state=${state} data-phase=${phase} ?data-waiting=${still} ?data-queued=${queued}>
    <span class="dot" aria-hidden="true"></span>${label}${detail ? html` <span class="muted countdown">(${detail})</span>` : nothing}
    ${control ? html`<button type="button" part="reconnect" class="link-button" @click=${onReconnect}>${t(control)}</button>` : nothing}
  </span>
  ${renderError(error, phase === 'failed' ? 'alert' : 'status')}${queued && connection?.waiting ? renderQueued(connection.waiting) : nothing}`;
}

/** Why a queued run is not streaming and what happens meanwhile (`waiting`, budgeted-stream.ts). */
function renderQueued({ streams, pollMs }: { streams: number; pollMs: number }): TemplateResult {
  return html`<p part="connection-note" class="muted connection-note">${t('stream.queuedNote', { count: streams, seconds: Math.round(pollMs / 1000) })}</p>`;
}
