/**
 * The mock provider's pages: the consent page (Allow / Deny, like Parallel's "an app at <host>
 * wants a key" screen, parallel-task-api.md §12) and the error page shown instead of redirecting
 * when the client or redirect URI is not valid (RFC 6749 §4.1.2.1). Every value is escaped; the
 * pages cannot be framed (clickjacking) and load nothing.
 */
import type { ServerResponse } from 'node:http';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}.host{font-family:ui-monospace,monospace;background:#eef1f4;padding:.1rem .3rem;border-radius:4px}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}button{font:inherit;padding:.5rem 1.25rem;border-radius:6px;border:1px solid #8a94a0;background:#fff;cursor:pointer}
button[value=allow]{background:#1f6feb;border-color:#1f6feb;color:#fff}.muted{color:#57606a;font-size:.9rem}.error{color:#b42318}`;

function send(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
  res.writeHead(status, { ...PAGE_HEADERS, 'Content-Length': String(Buffer.byteLength(html)) });
  res.end(html);
}

/** The consent page of one authorization request, identified by a single-use transaction id. */
export function sendConsentPage(res: ServerResponse, options: { transaction: string; clientId: string; redirectHost: string; action: string }): void {
  const { transaction, clientId, redirectHost, action } = options;
  send(res, 200, 'Sign in with Parallel (mock)', `
<h1>Allow <span class="host">${escapeHtml(clientId)}</span> to use your Parallel account?</h1>
<p>The page at <span class="host">${escapeHtml(redirectHost)}</span> asks for an API key of your account. It can then run tasks that are billed to you, until you delete the key in Parallel's platform.</p>
<form method="post" action="${escapeHtml(action)}">
  <input type="hidden" name="transaction" value="${escapeHtml(transaction)}">
  <div class="actions">
    <button type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </div>
</form>
<p class="muted">This is the mock provider of task-elements: no account, no real key.</p>`);
}

/** The page shown instead of a redirect when the request cannot be sent back to the client. */
export function sendAuthorizeErrorPage(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'Sign-in error (mock)', `
<h1>This sign-in cannot continue</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p class="muted">The app that sent you here is misconfigured, so you were not sent back to it. Nothing was shared.</p>`);
}
