/**
 * Links from API data (citations, sources, markdown) are untrusted: only absolute `http:` and
 * `https:` URLs become links. Anything else (`javascript:`, `data:`, relative paths) stays text.
 */

/** The normalized href when `url` is an absolute http(s) URL, else undefined. */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 4096) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A short readable form of a URL for link text: host and path, without the scheme. */
export function displayUrl(url: string, max = 60): string {
  const text = url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
