/**
 * Why a sign-in with Parallel did not end with a key. Every message is a sentence a person can act
 * on; none ever contains the key, the authorization code, the PKCE verifier or the `state` value
 * (RFC 6749 §10.3, §10.5), and no raw library error is kept as `cause`, because those can carry the
 * token response body.
 */
import { TaskElementsError } from '../../errors.js';

/** Machine-readable reason of an {@link OAuthError}. */
export type OAuthErrorReason =
  /** An `oauth-*` attribute cannot work (bad URL, Shannon provider, …). */
  | 'config'
  /** The provider's answer did not belong to the sign-in this tab started (wrong, missing or replayed `state`, wrong `iss`). */
  | 'state-mismatch'
  /** The page was opened with sign-in parameters but no sign-in was started in this tab, or it expired. */
  | 'no-pending-sign-in'
  /** The user pressed Deny (`error=access_denied`). */
  | 'access-denied'
  /** The provider redirected back with another OAuth error. */
  | 'authorization-error'
  /** The token endpoint refused the code (`invalid_grant`, `invalid_client`, …). */
  | 'token-error'
  /** The provider could not be reached or answered with something that is not OAuth. */
  | 'provider-unreachable'
  /** Dynamic client registration was refused. */
  | 'registration-error'
  /** The API refused the key the sign-in gave (401/403): it was deleted or disabled in Parallel's platform. */
  | 'key-rejected';

/** A sign-in did not end with a key; `message` says what happened and what to do. */
export class OAuthError extends TaskElementsError {
  override name = 'OAuthError' as const;
  readonly reason: OAuthErrorReason;
  /** The OAuth `error` code from the provider (`access_denied`, `invalid_grant`, …), when it sent one. */
  readonly oauthError: string | undefined;
  /** HTTP status of the provider's answer, when the failure was one. */
  readonly status: number | undefined;
  constructor(reason: OAuthErrorReason, message: string, context: { oauthError?: string; status?: number } = {}) {
    super(message);
    this.reason = reason;
    this.oauthError = context.oauthError;
    this.status = context.status;
  }
}

/** `true` when `value` is an {@link OAuthError} (also across bundle copies). */
export function isOAuthError(value: unknown): value is OAuthError {
  return value instanceof OAuthError || (value instanceof Error && value.name === 'OAuthError');
}

/**
 * Text from the provider (`error_description`) shown to the user: plain text, one line, at most
 * 300 characters. It is rendered as text only; this only keeps it short and printable.
 */
export function providerText(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/**
 * The words of an error answer oauth4webapi does not read: it parses an OAuth error body (RFC 6749
 * §5.2: `error`, `error_description`) on 4xx answers only, so a 5xx such as `503
 * {"error":"temporarily_unavailable","error_description":"…"}` would lose the provider's reason.
 * Reads a copy of the body (the caller's response stays unread); only `error_description` (else
 * `error`) is kept, as {@link providerText}, never the body itself.
 *
 * @param response - the provider's answer; 2xx–4xx answers give `undefined` (oauth4webapi's to read).
 */
export async function serverErrorWords(response: Response): Promise<string | undefined> {
  if (response.status < 500) return undefined;
  try {
    const body = (await response.clone().json()) as { error?: unknown; error_description?: unknown };
    const text = (value: unknown) => (typeof value === 'string' ? providerText(value) : undefined);
    return text(body.error_description) ?? text(body.error);
  } catch {
    return undefined;
  }
}
