/**
 * Secrets are never kept with a run (issue 10 §3). A run keeps the create body it was submitted
 * with, for re-runs, and the store keeps runs in storage for good; so before a request is kept it
 * is copied with every secret replaced by {@link HIDDEN}:
 * - every value of a `headers` object (MCP server headers: `Authorization: Bearer …`);
 * - values of fields named like secrets (`authorization`, `api_key`, `token`, `password`, …);
 * - in any http(s) URL string: the user name and password, and query values whose name looks
 *   like a secret (`token`, `key`, `sig`, `auth`, …) or whose value looks like a token (20+
 *   characters of letters and digits).
 * Views show {@link HIDDEN} as "hidden"; the form refuses to send it ({@link findHidden}) until the
 * user types the value again. Pure; the input is not changed.
 */

/** What a secret is replaced with. */
export const HIDDEN = 'hidden';

const SECRET_FIELD = /^(authorization|proxy-authorization|cookie|x-api-key|api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|id[-_]?token|token|secret|client[-_]?secret|password|passwd|pwd)$/i;
const SECRET_PARAM = /token|key|secret|passw|pwd|auth|sig|signature|credential|session|code|jwt|bearer/i;
const TOKEN_LIKE = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9._~+/=-]{20,}$/;

/** A URL with its credentials and secret-looking query values hidden; other strings as they are. */
export function redactUrl(text: string): string {
  if (!/^https?:\/\//i.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  if (url.username || url.password) {
    url.username = url.username ? HIDDEN : '';
    url.password = url.password ? HIDDEN : '';
    changed = true;
  }
  for (const [name, value] of [...url.searchParams]) {
    if (value && value !== HIDDEN && (SECRET_PARAM.test(name) || TOKEN_LIKE.test(value))) {
      url.searchParams.set(name, HIDDEN);
      changed = true;
    }
  }
  if (url.hash && TOKEN_LIKE.test(url.hash.slice(1).split('=').pop() ?? '')) {
    url.hash = HIDDEN;
    changed = true;
  }
  return changed ? url.href : text;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactUrl(value);
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key.toLowerCase() === 'headers' && item && typeof item === 'object' && !Array.isArray(item)) {
      copy[key] = Object.fromEntries(Object.keys(item).map((name) => [name, HIDDEN]));
    } else if (SECRET_FIELD.test(key) && item !== null && item !== undefined && typeof item !== 'object') {
      copy[key] = HIDDEN;
    } else {
      copy[key] = redactValue(item, depth + 1);
    }
  }
  return copy;
}

/** A copy of a create body with every secret replaced by {@link HIDDEN} (see the module comment). */
export function redactRequest<T>(request: T): T {
  return redactValue(request, 0) as T;
}

/**
 * Where a request to be sent still holds a {@link HIDDEN} placeholder: dot paths such as
 * `mcp_servers.0.headers.Authorization` or `webhook.url`. Empty when it can be sent.
 */
export function findHidden(request: unknown, path = '', depth = 0): string[] {
  if (typeof request === 'string') {
    if (request === HIDDEN) return [path];
    if (/^https?:\/\//i.test(request)) {
      try {
        const url = new URL(request);
        if (url.username === HIDDEN || url.password === HIDDEN || url.hash === `#${HIDDEN}` || [...url.searchParams.values()].includes(HIDDEN)) return [path];
      } catch {
        return [];
      }
    }
    return [];
  }
  if (depth > 32 || request === null || typeof request !== 'object') return [];
  return Object.entries(request).flatMap(([key, value]) => findHidden(value, path ? `${path}.${key}` : key, depth + 1));
}
