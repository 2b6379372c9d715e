/**
 * The script-tag autoloader: each element's code is a chunk beside the bundle, downloaded only when
 * its tag is on the page. The document is scanned at once and watched (MutationObserver) for tags
 * added later; each tag is defined once, as its chunk arrives. Chunks are imported with relative
 * URLs, which the browser resolves against the bundle's own URL, so a CDN copy works as long as the
 * `task-elements.chunks/` folder sits beside the bundle.
 *
 * Tags created inside other shadow roots are not seen by the observer: call `loadTaskElements()`
 * (all tags, or the ones named) before creating them. `customElements.whenDefined(tag)` tells when one
 * is ready.
 */

import { Localizer } from './core/i18n/localizer.js';
import { openTaskDbEarly } from './core/store/idb-early.js';

type Loader = () => Promise<CustomElementConstructor>;

const LOADERS: Readonly<Record<string, Loader>> = {
  'task-form': () => import('./components/task-form/task-form.js').then((m) => m.TaskFormElement),
  'task-stream': () => import('./components/task-stream/task-stream.js').then((m) => m.TaskStreamElement),
  'task-history': () => import('./components/task-history/task-history.js').then((m) => m.TaskHistoryElement),
};

/** The tags the autoloader knows. */
export const TASK_TAGS = Object.keys(LOADERS) as ReadonlyArray<'task-form' | 'task-stream' | 'task-history'>;

const started = new Map<string, Promise<void>>();

/** The formatters of the page's language (`<html lang>`, else English), made once, one per task. */
let warmed = false;
function warmFormatters(): void {
  if (warmed) return;
  warmed = true;
  let steps: Array<() => void>;
  try {
    steps = [...new Localizer(Intl.getCanonicalLocales(document.documentElement.lang || 'en')[0] ?? 'en').warmSteps()];
  } catch {
    return; // not a language tag: the elements fall back to English and make their formatters on use
  }
  const next = () => {
    steps.shift()?.();
    if (steps.length > 0) setTimeout(next, 0);
  };
  next();
}

/**
 * Loads and defines the named tags (default: all three); resolves when they are defined. A tag that is
 * already defined (another copy, or the page's own element) is left alone. Rejects when a chunk
 * cannot be loaded (the tag can be tried again later).
 */
export function loadTaskElements(tags: readonly string[] = TASK_TAGS, registry: CustomElementRegistry = customElements): Promise<void> {
  return Promise.all(tags.map((tag) => {
    const loader = LOADERS[tag];
    if (!loader) return Promise.reject(new Error(`task-elements has no element <${tag}>; the tags are ${TASK_TAGS.join(', ')}.`));
    if (registry.get(tag)) return Promise.resolve();
    let loading = started.get(tag);
    if (!loading) {
      // These list stored runs: the database opens while their code downloads (idb-early.ts), and
      // the page's number and date formatters are made meanwhile, not in their first render.
      if (tag !== 'task-form') openTaskDbEarly();
      setTimeout(warmFormatters, 0);
      loading = loader().then((element) => {
        if (!registry.get(tag)) registry.define(tag, element);
      });
      loading.catch(() => started.delete(tag));
      started.set(tag, loading);
    }
    return loading;
  })).then(() => undefined);
}

/** Defines the tags present under `root` now, and those added later; stops once all are defined. */
export function autoloadTaskElements(root: Document = document): void {
  const selector = TASK_TAGS.join(',');
  const pending = () => TASK_TAGS.filter((tag) => !customElements.get(tag) && !started.has(tag));
  const scan = (node: ParentNode) => {
    const wanted = TASK_TAGS.filter((tag) => !started.has(tag) && (
      (node instanceof Element && node.localName === tag) || node.querySelector(tag) !== null));
    if (wanted.length) loadTaskElements(wanted).catch((error: unknown) => console.error('task-elements: could not load an element chunk.', error));
  };
  scan(root);
  if (pending().length === 0) return;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && (node.matches(selector) || node.querySelector(selector))) scan(node);
      }
    }
    if (pending().length === 0) observer.disconnect();
  });
  observer.observe(root, { childList: true, subtree: true });
}
