/**
 * The progress block (`part="progress"` and the line under it): how far along the run is, how long
 * it ran, what it read and what it cost so far (issue 13 §5, §6). The bar says what happened: full
 * and green for a completed run, red for a failed one, grey for a cancelled one, amber for a
 * timeout or a run that waits for a person (`data-status`); it is never full and blue for a run
 * that did not succeed. Elapsed time runs on the shared clock in the server's time and stops where
 * the run stopped (run-facts.ts `runSpan`, which the timeline reads too); for a run the user stopped
 * watching it stands still at the last news ("elapsed 0:07 as of 15:09") and the bar does not move.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isActiveStatus, isTerminalStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';
import { clock } from '../shared/clock.js';
import { clockTime, count, duration, statusLabel } from '../shared/format.js';
import { renderLink } from '../shared/link.js';
import { runProgress } from './progress.js';
import { sourceFacts, type RunSpan } from './run-facts.js';
import { renderUsageByAgent, renderUsageTotal } from './render-usage.js';
import { t } from './strings.js';
import { l10n } from '../../core/i18n/scope.js';

/** The bar's width in percent and what a screen reader hears. */
function barOf(run: TaskRun, fraction: number | undefined, still: boolean): { width: number; text: string; indeterminate: boolean } {
  if (isTerminalStatus(run.status)) return { width: 100, text: statusLabel(run.status), indeterminate: false };
  if (fraction === undefined) {
    // Not followed (`still`): nothing is known to move, so nothing moves.
    const moving = isActiveStatus(run.status) && !still;
    return { width: moving ? 30 : 0, text: statusLabel(run.status), indeterminate: moving };
  }
  const percent = Math.round(fraction * 100);
  return { width: percent, text: l10n().number(percent / 100, { style: 'percent' }), indeterminate: false };
}

/** "elapsed 0:07", "elapsed 0:07 as of 15:09" (not followed: a still clock), or "ran for 0:09". */
function elapsedText(run: TaskRun, elapsed: number, asOf: number | undefined): string {
  if (!isActiveStatus(run.status)) return t('stream.ranFor', { time: duration(elapsed) });
  if (asOf === undefined) return t('stream.elapsed', { time: duration(elapsed) });
  // `asOf` is in the server's clock; the reader's clock says when.
  return t('stream.elapsedAsOf', { time: duration(elapsed), clock: clockTime(new Date(asOf - clock.skew(run.provider)).toISOString()) });
}

/** "sources: 40 considered, 9 read", or "12 sources cited" when the counts were missed; nothing when unknown. */
function renderSources(run: TaskRun): TemplateResult | typeof nothing {
  const facts = sourceFacts(run);
  if (!facts) return nothing;
  return html`<span part="sources-count">${facts.kind === 'counts'
    ? t('stream.sources', { considered: count(facts.considered), read: count(facts.read) })
    : t('stream.sourcesCited', { count: facts.cited })}</span>`;
}

/**
 * The progress bar and its facts; `span`: the run's (run-facts.ts `runSpan`). `unreachable`: this page
 * cannot learn how the run goes (its key was refused, settings are missing, the connection failed;
 * shared/reach.ts): then there is no bar, no percentage and no ticking clock — an empty track would
 * read as a run waiting to start (fresh3 b).
 */
export function renderProgress(run: TaskRun, events: readonly TaskEvent[], span: RunSpan | undefined, answered: boolean, unreachable = false): TemplateResult {
  const blind = unreachable && !isTerminalStatus(run.status);
  const fraction = blind ? undefined : runProgress(run, events);
  const bar = barOf(run, fraction, span?.asOf !== undefined);
  const percent = fraction === undefined || isTerminalStatus(run.status) ? undefined : Math.round(fraction * 100);
  const elapsed = blind || !span ? undefined : span.end - span.start;
  const stats = run.stats;
  return html`<div class="progress-block">
    ${blind ? nothing : html`<div part="progress" class="progress" role="progressbar" aria-label=${t('stream.progress')} data-status=${run.status}
      aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent ?? nothing} aria-valuetext=${bar.text}
      data-indeterminate=${bar.indeterminate ? 'true' : nothing}>
      <span class="bar" style="width: ${bar.width}%"></span>
    </div>`}
    <div class="progress-meta">
      ${percent !== undefined ? html`<span>${l10n().number(percent / 100, { style: 'percent' })}</span>` : nothing}
      ${elapsed !== undefined ? html`<span part="elapsed">${elapsedText(run, elapsed, span?.asOf)}</span>` : nothing}
      ${renderSources(run)}
      ${renderUsageTotal(run, events)}
    </div>
    ${renderUsageByAgent(run, events)}
    ${stats?.sample.length && !answered
      ? html`<ul class="sources" aria-label=${t('stream.sourcesSample')}>${stats.sample.slice(0, 5).map((url) => html`<li>${renderLink(url)}</li>`)}</ul>`
      : nothing}
  </div>`;
}
