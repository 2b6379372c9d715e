/**
 * The one sign-in this tab has in flight: what must survive the trip to the provider and back
 * (`state`, PKCE verifier, the endpoints and client it was started with). It lives in
 * sessionStorage under one slot — so a tab has at most one pending sign-in, and a new one replaces
 * the old — and is taken (read and removed) exactly once when the provider sends the user back.
 * It never holds the key.
 */
import type { StorageLike } from '../../store/persistence.js';
import type { OAuthStorageKind } from './oauth-config.js';
import { OAuthError } from './oauth-errors.js';
import { PENDING_MAX_AGE_MS, PENDING_SLOT as SLOT } from './return-capture.js';
import type { StorageAreas } from './token-vault.js';


/** The provider endpoints a sign-in was started with (RFC 8414 names; a type alias so it fits oauth4webapi's index signature). */
export type ServerEndpoints = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  registration_endpoint?: string;
  /** RFC 9207: the provider adds `iss` to its redirects, and a missing or wrong one is refused. */
  authorization_response_iss_parameter_supported?: boolean;
};

export interface PendingSignIn {
  version: 1;
  /** `oauth-issuer` as configured (the key's vault is named after it; `server.issuer` is what the metadata says). */
  issuer: string;
  /** The `state` sent to the authorization endpoint (≥ 128 random bits). */
  state: string;
  /** The PKCE `code_verifier` (RFC 7636 §4.1). */
  codeVerifier: string;
  clientId: string;
  redirectUri: string;
  storage: OAuthStorageKind;
  allowInsecure: boolean;
  server: ServerEndpoints;
  /** Epoch ms when the sign-in started. */
  createdAt: number;
}

/** What {@link takePendingSignIn} found. */
export type PendingLookup =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'found'; pending: PendingSignIn };

function sessionArea(areas: StorageAreas): StorageLike | undefined {
  try {
    return areas.session();
  } catch {
    return undefined;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function parse(raw: string | null): PendingSignIn | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<PendingSignIn>;
    const server = value.server as Partial<ServerEndpoints> | undefined;
    const valid = value.version === 1 && isString(value.issuer) && isString(value.state) && isString(value.codeVerifier) && isString(value.clientId)
      && isString(value.redirectUri) && typeof value.createdAt === 'number' && typeof value.allowInsecure === 'boolean'
      && (value.storage === 'session' || value.storage === 'local' || value.storage === 'memory')
      && !!server && isString(server.issuer) && isString(server.authorization_endpoint) && isString(server.token_endpoint);
    return valid ? (value as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps `pending` for the round trip, replacing any earlier one of this tab.
 * @throws {OAuthError} reason `config` when sessionStorage is unavailable (a sign-in could not be finished).
 */
export function savePendingSignIn(pending: PendingSignIn, areas: StorageAreas): void {
  try {
    const storage = sessionArea(areas);
    if (!storage) throw new Error('no sessionStorage');
    storage.setItem(SLOT, JSON.stringify(pending));
  } catch {
    throw new OAuthError('config', 'This browser does not let the page keep data for this tab (sessionStorage is blocked), so a sign-in could not be finished. Allow site data for this page, or set the apiKey property instead.');
  }
}

/** Takes the pending sign-in: it is removed whatever it holds, so a code can be exchanged once at most. */
export function takePendingSignIn(areas: StorageAreas, now: number): PendingLookup {
  let raw: string | null = null;
  try {
    const storage = sessionArea(areas);
    raw = storage?.getItem(SLOT) ?? null;
    storage?.removeItem(SLOT);
  } catch {
    return { kind: 'none' };
  }
  const pending = parse(raw);
  if (!pending) return { kind: 'none' };
  if (now - pending.createdAt > PENDING_MAX_AGE_MS || now < pending.createdAt) return { kind: 'expired' };
  return { kind: 'found', pending };
}

/** Drops the pending sign-in (sign-out, or a start that failed before leaving the page). */
export function clearPendingSignIn(areas: StorageAreas): void {
  try {
    sessionArea(areas)?.removeItem(SLOT);
  } catch {
    // nothing kept
  }
}
