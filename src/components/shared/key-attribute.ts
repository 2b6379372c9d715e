/**
 * Keys never live in attributes (design.md: `apiKey` is a property only). Attributes are visible to
 * every script and CSS selector on the page, copied by `outerHTML`, written into server-rendered HTML
 * and kept by DOM snapshots, so an `apikey` / `api-key` attribute — what `<task-form apikey="…">`,
 * Vue's `:api-key` before the tag is defined, or React 19 before the tag is defined produce — is never
 * read. The element removes it from the DOM and warns once per page, naming the property to use.
 */

/** Attribute names that look like an API key (HTML lower-cases `apiKey` to `apikey`). */
export const KEY_ATTRIBUTES = ['apikey', 'api-key'] as const;

let warned = false;

/** The console warning, once per page. Exported for tests. */
export const KEY_ATTRIBUTE_WARNING =
  'task-elements: the API key attribute was ignored and removed. Keys are never read from attributes, ' +
  'because attributes are visible to every script on the page and end up in copied or server-rendered HTML. ' +
  'Set the `apiKey` property instead (element.apiKey = key; Vue: `.apiKey`; Angular: `[apiKey]`; ' +
  'React: the task-elements/react wrappers), or use auth-mode="none" behind the proxy.';

/** Removes key attributes from `element`; warns the first time one is found on the page. */
export function dropKeyAttributes(element: Element): void {
  for (const name of KEY_ATTRIBUTES) {
    if (!element.hasAttribute(name)) continue;
    element.removeAttribute(name);
    if (!warned) {
      warned = true;
      console.warn(KEY_ATTRIBUTE_WARNING);
    }
  }
}
