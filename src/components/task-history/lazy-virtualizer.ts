/**
 * The virtual list (`@lit-labs/virtualizer`'s `virtualize` directive), loaded on first use. A short
 * history renders every row and never downloads it; a history longer than {@link PLAIN_ROWS} starts
 * `import('@lit-labs/virtualizer/virtualize.js')` and its flow layout side by side (chunks beside the
 * bundle, ~6 kB gzip together) and shows its first {@link PLAIN_ROWS} rows until they arrive.
 * If the chunk cannot load (offline, a CDN missing the file), those first rows stay.
 */
import type { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { virtualize as virtualizeDirective, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';

/** Rows rendered without the virtualizer: every row of a shorter list, the first ones of a longer one. */
export const PLAIN_ROWS = 30;

/** The directive and the layout to give it (a vertical list of rows). */
export interface Virtualizer {
  virtualize: typeof virtualizeDirective;
  layout: ReturnType<typeof flow>;
  /** The key under which a host element holds its virtualizer (`element(index).scrollIntoView()`). */
  ref: typeof virtualizerRef;
}

let loaded: Virtualizer | undefined;
let loading: Promise<Virtualizer | undefined> | undefined;

/** The virtualizer once loaded, else undefined. */
export function virtualizer(): Virtualizer | undefined {
  return loaded;
}

/** Starts (once) loading the virtualizer; resolves with it, or undefined when a chunk failed to load. */
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
