/**
 * Enumerated attributes (`provider`, `auth-mode`, `oauth-storage`) are read case-insensitively with
 * spaces around the value ignored (core/attribute-value.ts). A value that names none of them falls
 * back to the default, as before, but no longer silently (new-user trial: `provider="openai"` became
 * `parallel` without a word): the element warns once per attribute, naming the value, what it uses
 * instead and the accepted values, like the API key attribute's warning (key-attribute.ts).
 */
import { acceptedValue } from '../../core/attribute-value.js';
import { AUTH_MODES, OAUTH_STORAGE_KINDS } from '../../core/auth/auth.js';
import { PROVIDER_NAMES } from '../../core/providers/provider-info.js';

/** Each enumerated attribute: its accepted values and the default an unknown value falls back to. */
export const ENUM_ATTRIBUTES: Readonly<Record<string, { accepted: readonly string[]; fallback: string }>> = {
  provider: { accepted: PROVIDER_NAMES, fallback: 'parallel' },
  'auth-mode': { accepted: AUTH_MODES, fallback: 'none' },
  'oauth-storage': { accepted: OAUTH_STORAGE_KINDS, fallback: 'session' },
};

/** The console warning for `name="value"` on `<tag>`. Exported for tests. */
export function unknownValueWarning(tag: string, name: string, value: string): string {
  const { accepted, fallback } = ENUM_ATTRIBUTES[name]!;
  return `task-elements: <${tag}> ${name}="${value}" is not a value it knows, so it uses ${name}="${fallback}". `
    + `Accepted values: ${accepted.join(', ')} (any case).`;
}

/** The attributes each element has warned about. */
const warned = new WeakMap<Element, Set<string>>();

/** Warns when `value` of the enumerated attribute `name` is not one it accepts: once per element and attribute. */
export function checkEnumAttribute(element: Element, name: string, value: string | null): void {
  const spec = ENUM_ATTRIBUTES[name];
  if (!spec || value === null || acceptedValue(value, spec.accepted) !== undefined) return;
  const names = warned.get(element) ?? new Set<string>();
  if (names.has(name)) return;
  warned.set(element, names.add(name));
  console.warn(unknownValueWarning(element.localName, name, value));
}
