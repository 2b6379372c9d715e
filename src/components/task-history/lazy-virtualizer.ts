/**
 * The virtual list (`@lit-labs/virtualizer`'s `virtualize` directive), loaded on first use. A short
 * history renders every row and never downloads it; a history longer than {@link PLAIN_ROWS} shows its
 * first {@link PLAIN_ROWS} rows (a screenful: they are what the first paint costs) and, once they are
 * painted and the page is idle — or at once when the list is scrolled, focused or used with the
 * keyboard ({@link loadVirtualizer}) — imports `@lit-labs/virtualizer/virtualize.js` and its flow
 * layout side by side (chunks beside the bundle, ~6 kB gzip together), then renders every row through
 * it. The first paint of a long history therefore does not wait for, nor share its frame with, the
 * virtualizer's download, start and first measurement (issue 17: first items in under 100 ms).
 * If the chunk cannot load (offline, a CDN missing the file), those first rows stay.
 */
import type { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { virtualize as virtualizeDirective, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';

/** Rows rendered without the virtualizer: every row of a shorter list, the first ones of a longer one. */
export const PLAIN_ROWS = 12;

/** Milliseconds after the first rows' frame at most before the virtualizer loads, idle or not. */
const IDLE_TIMEOUT_MS = 500;

/** The directive and the layout to give it (a vertical list of rows). */
export interface Virtualizer {
  virtualize: typeof virtualizeDirective;
  layout: ReturnType<typeof flow>;
  /** The key under which a host element holds its virtualizer (`element(index).scrollIntoView()`). */
  ref: typeof virtualizerRef;
}

let loaded: Virtualizer | undefined;
let loading: Promise<Virtualizer | undefined> | undefined;
/** The load waiting for the first rows' frame and an idle moment. */
let waiting: Promise<Virtualizer | undefined> | undefined;

/** The virtualizer once loaded, else undefined. */
export function virtualizer(): Virtualizer | undefined {
  return loaded;
}

/**
 * Starts loading the virtualizer once the frame being prepared is painted and the page is idle
 * (`requestIdleCallback`, at most {@link IDLE_TIMEOUT_MS} later; where there is none, a timer after
 * the frame). Resolves as {@link loadVirtualizer}.
 */
export function loadVirtualizerWhenIdle(): Promise<Virtualizer | undefined> {
  if (loading) return loading;
  return (waiting ??= new Promise((resolve) => {
    const start = () => void loadVirtualizer().then((done) => {
      if (!done) waiting = undefined; // tried again at the next render
      resolve(done);
    });
    const idle = (globalThis as { requestIdleCallback?: (callback: () => void, options: { timeout: number }) => void }).requestIdleCallback;
    requestAnimationFrame(() => setTimeout(() => (idle ? idle(start, { timeout: IDLE_TIMEOUT_MS }) : setTimeout(start, 50)), 0));
  }));
}

/** Starts (once) loading the virtualizer now; resolves with it, or undefined when a chunk failed to load. */
export function loadVirtualizer(): Promise<Virtualizer | undefined> {
  // Both at once: left to itself, the virtualizer would ask for its layout only once it has arrived.
  loading ??= Promise.all([import('@lit-labs/virtualizer/virtualize.js'), import('@lit-labs/virtualizer/layouts/flow.js')]).then(
    ([directive, flow]) => (loaded = { virtualize: directive.virtualize, layout: flow.flow(), ref: directive.virtualizerRef }),
    () => {
      loading = undefined; // tried again at the next render
      return undefined;
    },
  );
  return loading;
}
