/**
 * One tint for the row under the pointer (freshF §3: at 768 px a row's hover tint covered the run's
 * half, not its buttons). A row is two elements in two columns (history-list.ts: the option and its
 * button group), so the row under the pointer is marked on both halves with `data-hover`, by run id
 * (stable when rows are re-rendered or recycled by the virtual list).
 */

/** The `pointerover` / `pointerleave` handler of the box that holds both columns. */
export function markHoveredRow(event: PointerEvent): void {
  const rows = event.currentTarget as HTMLElement;
  const half = event.type === 'pointerleave' ? null : (event.target as Element).closest?.('.item, .item-actions');
  const id = (half as HTMLElement | null)?.dataset.id;
  for (const each of rows.querySelectorAll<HTMLElement>('.item, .item-actions')) each.toggleAttribute('data-hover', id !== undefined && each.dataset.id === id);
}
