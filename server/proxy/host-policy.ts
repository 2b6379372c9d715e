/**
 * Which `Host` the proxy answers for: a defence against DNS rebinding. A page on
 * `http://rebind.evil.example:8788` whose name is re-pointed at 127.0.0.1 reaches a loopback proxy
 * with `Host: rebind.evil.example:8788` and a matching `Origin`, so "same-origin" derived from the
 * request alone would let it spend the server key. Only host names on the allow-list are served
 * (loopback names by default); any other gets 421 before the origin is even looked at.
 *
 * Web APIs only (runs on Node and on Workers).
 */
import { ProxyConfigError, ProxyRefusal } from './proxy-errors.js';

/** Served when `allowedHosts` is not set: the names a loopback-bound proxy is reached by. */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/**
 * One `Host` value (RFC 9110 §7.2): a DNS name, an IPv4 address or a bracketed IPv6 address, with an
 * optional port. Nothing else: no user info (`127.0.0.1@evil.example`), no path, no comma (a second
 * `Host` header joined by `Headers`), no spaces.
 */
const HOST_VALUE = /^(?:\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?\.?)(?::\d{1,5})?$/;

/** A configured entry: a name (`proxy.example.com`), a suffix (`.example.com`) or an IP address. */
const HOST_ENTRY = /^(?:\.?[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|(?=[0-9a-f.]*:[0-9a-f.]*:)[0-9a-f:.]{2,45})$/;

/** The allow-list after validation. */
export interface HostAllowList {
  /** Exact names, lower-case, without brackets or a trailing dot. */
  names: ReadonlySet<string>;
  /** Suffixes from `.example.com` entries, with their leading dot; they also match `example.com`. */
  suffixes: readonly string[];
}

/** Lower-case, without IPv6 brackets and without the trailing dot of a fully qualified name. */
function normalizeHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/**
 * Validates `allowedHosts` (ALLOWED_HOSTS). Throws {@link ProxyConfigError} for `*`, a URL, a port
 * or anything else that is not a host name, a `.suffix` or an IP address.
 */
export function resolveAllowedHosts(entries: readonly string[] | undefined): HostAllowList {
  const list = entries?.map((entry) => entry.trim()).filter(Boolean);
  const names = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of list?.length ? list : DEFAULT_ALLOWED_HOSTS) {
    const normalized = normalizeHostname(entry);
    if (entry === '*' || !HOST_ENTRY.test(normalized)) {
      throw new ProxyConfigError(
        `allowedHosts (ALLOWED_HOSTS) entries must be host names such as proxy.example.com, .example.com (a domain and its subdomains) or IP addresses, without scheme or port (got "${entry.slice(0, 100)}").`,
      );
    }
    if (normalized.startsWith('.')) suffixes.push(normalized);
    else names.add(normalized);
  }
  return { names, suffixes };
}

function isAllowed(hostname: string, allowed: HostAllowList): boolean {
  const name = normalizeHostname(hostname);
  return allowed.names.has(name) || allowed.suffixes.some((suffix) => name.endsWith(suffix) || name === suffix.slice(1));
}

/**
 * True for a single well-formed `Host` value; adapters use it before building a request URL from it.
 */
export function isValidHostValue(value: string): boolean {
  if (!HOST_VALUE.test(value)) return false;
  const port = /:(\d+)$/.exec(value)?.[1];
  return port === undefined || Number(port) <= 65535;
}

/**
 * The request URL, once its `Host` is known to be served: a malformed `Host` (user info, a path, two
 * values joined by `Headers`) is a 400 `invalid-host`, a host not on the allow-list a 421
 * `host-not-allowed`. The header is checked before the URL is parsed (a runtime may have built the
 * URL from it), and both the header's and the URL's host must be allowed.
 */
export function checkHost(request: Request, allowed: HostAllowList): URL {
  const header = request.headers.get('host')?.trim() ?? null;
  const invalid = () => new ProxyRefusal('invalid-host', 400, 'The Host header must be a single host name with an optional port, such as localhost:8788.');
  if (header !== null && !isValidHostValue(header)) throw invalid();
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw invalid();
  }
  const hostnames = header === null ? [url.hostname] : [url.hostname, header.replace(/:\d+$/, '')];
  for (const hostname of hostnames) {
    if (isAllowed(hostname, allowed)) continue;
    throw new ProxyRefusal(
      'host-not-allowed',
      421,
      `This proxy does not answer for the host "${normalizeHostname(hostname).slice(0, 100)}"; if that is the name you reach it by, add it to ALLOWED_HOSTS (allowedHosts).`,
    );
  }
  return url;
}
