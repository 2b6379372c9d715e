/**
 * The toolbar of `<task-history>` (search, status filter, "Clear all"), the inline confirmation of
 * clearing, the notice of a deletion that can still be undone, and the empty states. Pure templates; the element owns
 * the state and passes its handlers.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { STATUS_FILTERS, type StatusFilter } from './run-filter.js';
import { t } from './strings.js';

export interface ToolbarView {
  query: string;
  status: StatusFilter;
  /** Runs in the store, and how many of them the filters show. */
  total: number;
  shown: number;
  /** Batches (Parallel task groups) "Clear" would delete: those the filters match. */
  batches: number;
  /** With batches, the confirmation's first sentence and its button (from the batch UI's words). */
  batchWords?: { question: string; button: string } | undefined;
  /** Of the runs and batches "Clear" would delete, how many are not finished. */
  unfinished: number;
  confirming: boolean;
  onSearchInput(event: Event): void;
  onStatusChange(status: string): void;
  onAskClear(): void;
  onConfirmClear(): void;
  onKeep(): void;
}

/**
 * What "Clear" asks before it deletes: how many (runs and batches), which (the filter), and what
 * happens to unfinished ones, in the render's language.
 */
export function clearQuestion(total: number, shown: number, unfinished: number, batches = 0, batchQuestion?: string): string {
  const items = shown + batches;
  const which = batchQuestion ?? (shown === total ? t('history.clear.all', { count: total }) : t('history.clear.shown', { count: shown, total }));
  const still = unfinished === 0 ? ''
    : unfinished === items ? t('history.clear.allRunning', { count: items }) : t('history.clear.someRunning', { count: unfinished });
  return [which, still, t('history.clear.final')].filter(Boolean).join(' ');
}

export function renderToolbar(view: ToolbarView): TemplateResult {
  const filtered = view.shown !== view.total;
  return html`<div part="toolbar" class="toolbar">
      <input part="search" type="search" aria-label=${t('history.search')} placeholder=${t('history.search')} .value=${view.query} @input=${view.onSearchInput}>
      <span class="group">
        <select part="status-filter" aria-label=${t('history.statusFilter')} .value=${view.status}
          @change=${(e: Event) => view.onStatusChange((e.target as HTMLSelectElement).value)}>
          ${STATUS_FILTERS.map(([value, label]) => html`<option value=${value} ?selected=${value === view.status}>${t(label)}</option>`)}
        </select>
        <button part="clear" type="button" ?disabled=${view.shown + view.batches === 0 || view.confirming} @click=${view.onAskClear}>${t(filtered ? 'history.clearShown' : 'history.clearAll')}</button>
      </span>
    </div>
    ${view.confirming && view.shown + view.batches > 0
      ? html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-text"
          @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && view.onKeep()}>
          <p id="confirm-text">${clearQuestion(view.total, view.shown, view.unfinished, view.batches, view.batchWords?.question)}</p>
          <span class="confirm-buttons">
            <button type="button" class="danger" @click=${view.onConfirmClear}>${view.batchWords?.button ?? t('history.deleteRuns', { count: view.shown })}</button>
            <button type="button" data-confirm="keep" @click=${view.onKeep}>${t('history.keep')}</button>
          </span>
        </div>`
      : nothing}`;
}

/** "Deleted “…”. Undo" while a deletion can be undone; `still` says that it is still running. */
export function renderUndo(label: string | undefined, still: string | undefined, onUndo: () => void): TemplateResult | typeof nothing {
  if (label === undefined) return nothing;
  return html`<div part="undo" class="undo"><span>${t('history.deletedLabel', { label })}${still ? ` ${still}` : ''}</span>
    <button type="button" @click=${onUndo}>${t('history.undo')}</button></div>`;
}

/** What shows instead of the list: runs still loading, no runs yet, or none matches the filter (with "Show all"). */
export function renderEmpty(kind: 'loading' | 'empty' | 'no-match', onShowAll?: () => void): TemplateResult {
  if (kind === 'loading') return html`<div part="empty" class="empty"><p class="muted">${t('history.loading')}</p></div>`;
  if (kind === 'empty') return html`<div part="empty" class="empty"><p>${t('history.empty')}</p><p class="muted">${t('history.emptyHint')}</p></div>`;
  return html`<div part="empty" class="empty"><p>${t('history.noMatch')}</p>
    <button type="button" @click=${onShowAll}>${t('history.showAll')}</button></div>`;
}

/** "12 runs", or "3 of 12 runs" while a filter hides some; nothing without runs. */
export function renderCount(total: number, shown: number): TemplateResult | typeof nothing {
  if (total <= 0) return nothing;
  return html`<p class="count muted">${shown !== total ? t('history.countFiltered', { shown, count: total }) : t('history.count', { count: total })}</p>`;
}
