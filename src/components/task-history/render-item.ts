/**
 * One run of `<task-history>`, in two halves that share a grid row: the `option` of the listbox
 * (status badge and age; input preview; provider, processor or mode, and id) and, outside the
 * listbox, the group of its Re-run and Delete buttons. ARIA allows no controls inside an option,
 * nor anything but options inside a listbox, so the buttons cannot live in either.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { TaskRun } from '../../core/providers/task-event.js';
import { clock } from '../shared/clock.js';
import { t } from './strings.js';
import { shortRunId, statusLabel, truncate } from '../shared/format.js';
import { reachAdvice, reachLabel, type RunReach } from '../shared/reach.js';
import { inputText } from './run-filter.js';
import { l10n } from '../../core/i18n/scope.js';

/** Characters of input shown in a row (the CSS clamps it to two lines as well). */
const PREVIEW_LENGTH = 160;

export interface ItemState {
  selected: boolean;
  /** The listbox's active option (`aria-activedescendant`); its buttons are the ones Tab reaches. */
  active: boolean;
  /** Position in the shown list (0-based) and the list's length, for `aria-posinset`/`aria-setsize`. */
  index: number;
  size: number;
  now: number;
  /** What stops this page from following the run (reach.ts): the badge says it instead of the stale status. */
  reach?: RunReach | undefined;
}

/** The id of the option at `index` of the shown list (ids of runs are untrusted text, indexes are not). */
export const optionId = (index: number) => `run-option-${index}`;

export interface ItemActions {
  onRerun(run: TaskRun): void;
  onDelete(run: TaskRun): void;
}

const providerLabel = (run: TaskRun) => t(run.provider === 'shannon' ? 'provider.shannon' : 'provider.parallel');

export function renderOption(run: TaskRun, state: ItemState): TemplateResult {
  const input = inputText(run.input);
  const kind = run.processor ?? run.mode;
  const provider = providerLabel(run);
  const age = clock.runAge(run, state.now);
  const reach = state.reach;
  const badge = reach ? 'unreachable' : run.status;
  return html`<div role="option" id=${optionId(state.index)} part=${`item item-${run.status}`} class="item" data-id=${run.id}
    data-status=${run.status} data-reach=${reach ?? nothing} data-index=${state.index} ?data-active=${state.active} aria-selected=${state.selected ? 'true' : 'false'}
    aria-posinset=${state.index + 1} aria-setsize=${state.size}>
    <div class="item-head">
      <span part=${`item-status item-status-${badge}`} class="badge" data-status=${run.status} data-reach=${reach ?? nothing}
        title=${reach ? reachAdvice(reach) : nothing}>${reach ? reachLabel(reach) : statusLabel(run.status)}</span>
      ${run.createdAtUnknown ? nothing // never learned (a run listed from its id alone): no age is claimed
        : html`<time data-meta="age" datetime=${run.createdAt} title=${`${age} · ${l10n().dateTime(run.createdAt)}`}>${age}</time>`}
    </div>
    <div class="preview" title=${input ? truncate(input, 1000) : nothing}>${input ? truncate(input, PREVIEW_LENGTH) : html`<span class="muted">${t('history.noInput')}</span>`}</div>
    <div class="meta">
      <span data-meta="provider" title=${provider}>${provider}</span>
      ${kind ? html`<span data-meta="kind" title=${kind}>${kind}</span>` : nothing}
      <span data-meta="id" class="run-id" title=${run.id}>${shortRunId(run.id)}</span>
    </div>
  </div>`;
}

/** `label` as two lines of about one length: split at the space nearest its middle (none: one line). */
export function twoLines(label: string): [string, string] {
  let at = -1;
  for (let i = label.indexOf(' '); i >= 0; i = label.indexOf(' ', i + 1)) if (at < 0 || Math.abs(i * 2 - label.length) < Math.abs(at * 2 - label.length)) at = i;
  return at < 0 ? [label, ''] : [label.slice(0, at), label.slice(at + 1)];
}

/**
 * The button column's measure: the labels of a row's buttons, hidden and inert, so the column is as
 * wide as the longest label of the page's language (words3 b: German "Erneut ausführen" was cut),
 * also when the virtual list lays its rows out of the flow. A narrow box measures "Edit & run again"
 * in two lines ("Edit &" / "run again"), so the label wraps to two lines, not three (new-user trial
 * at 375 px: "Edit &" / "run" / "again").
 */
export function renderActionsSizer(): TemplateResult {
  const rerun = t('history.rerun');
  const [first, second] = twoLines(rerun);
  return html`<div class="sizer" aria-hidden="true" inert><button type="button" tabindex="-1">${first} <br>${second}</button><button type="button" tabindex="-1">${t('history.delete')}</button></div>`;
}

export function renderActions(run: TaskRun, state: ItemState, actions: ItemActions): TemplateResult {
  const tabindex = state.active ? 0 : -1;
  return html`<div part="item-actions" class="item-actions" role="group" aria-label=${t('history.rowActions', { id: run.id })}
    data-id=${run.id} data-index=${state.index} ?data-selected=${state.selected}>
    <button type="button" tabindex=${tabindex} @click=${() => actions.onRerun(run)}>${t('history.rerun')}</button>
    <button type="button" class="danger" tabindex=${tabindex} @click=${() => actions.onDelete(run)}>${t('history.delete')}</button>
  </div>`;
}
